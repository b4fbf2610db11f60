package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenedKeysTest {

  /** The sealed rows, and every read of one (a database read and a cipher each). */
  final Map<String, OpenedKeys.Opened> rows = new HashMap<>();

  final List<String> reads = new ArrayList<>();

  Optional<OpenedKeys.Opened> read(String keyId) {
    reads.add(keyId);
    return Optional.ofNullable(rows.get(keyId));
  }

  @Test
  void aKeyWhoseWebhookIsNamedIsOpenedOnceForEveryWebhookSignedWithIt() {
    OpenedKeys keys = new OpenedKeys();
    rows.put("k1", new OpenedKeys.Opened("s3cret", "wh_1"));
    for (int i = 0; i < 5; i++) {
      var k = keys.get("k1", this::read);
      assertThat(k.map(OpenedKeys.Opened::secret)).contains("s3cret");
      assertThat(k.flatMap(OpenedKeys.Opened::webhookId)).contains("wh_1");
    }
    assertThat(reads).containsExactly("k1");
  }

  @Test
  void aKeyWithoutItsWebhookYetIsReadAgainUntilItHasOne() {
    OpenedKeys keys = new OpenedKeys();
    rows.put("k2", new OpenedKeys.Opened("s3cret", null));
    assertThat(keys.get("k2", this::read).flatMap(OpenedKeys.Opened::webhookId)).isEmpty();
    // another instance registers the webhook: the next webhook must see it, to check it
    rows.put("k2", new OpenedKeys.Opened("s3cret", "wh_2"));
    assertThat(keys.get("k2", this::read).flatMap(OpenedKeys.Opened::webhookId)).contains("wh_2");
    keys.get("k2", this::read);
    assertThat(reads).containsExactly("k2", "k2");
  }

  @Test
  void anUnknownKeyIsNeverKeptSoStrangersCannotFillTheMemory() {
    OpenedKeys keys = new OpenedKeys();
    for (int i = 0; i < 3; i++) {
      assertThat(keys.get("nobody", this::read)).isEmpty();
    }
    assertThat(reads).hasSize(3);
  }

  @Test
  void aKeyChangedHereIsReadAgainAndTheSecretNeverShowsInText() {
    OpenedKeys keys = new OpenedKeys();
    rows.put("k3", new OpenedKeys.Opened("s3cret", "wh_3"));
    keys.get("k3", this::read);
    keys.forget("k3");
    var again = keys.get("k3", this::read);
    assertThat(reads).containsExactly("k3", "k3");
    assertThat(again.get().toString()).doesNotContain("s3cret").contains("wh_3");
  }
}
