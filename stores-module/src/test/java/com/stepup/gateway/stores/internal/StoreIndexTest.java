package com.stepup.gateway.stores.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.platform.ClusterSignals;
import com.stepup.gateway.stores.MerchantView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StoreIndexTest {

  static final MerchantView SHOES =
      new MerchantView(
          "mer_1",
          "Shoes",
          "krn:partner:global:account:test:1",
          MerchantView.Status.ACTIVE,
          null,
          Instant.EPOCH,
          Instant.EPOCH,
          "UTC");

  /** The database's answers, counted; {@code during} runs inside a lookup. */
  static final class Keys extends MerchantRepository {
    int lookups;
    Optional<MerchantView> answer = Optional.of(SHOES);
    Runnable during = () -> {};

    @Override
    public Optional<com.stepup.gateway.stores.PartnerKey> authenticateKey(String secret) {
      lookups++;
      during.run();
      return answer.map(
          m ->
              new com.stepup.gateway.stores.PartnerKey(
                  "key_1", m, com.stepup.gateway.stores.ApiScope.ALL, null));
    }
  }

  static final class Signals implements ClusterSignals {
    final List<String> published = new ArrayList<>();
    Consumer<String> listener;

    @Override
    public void publish(String topic, String message) {
      published.add(topic + ":" + message);
    }

    @Override
    public void subscribe(String topic, Consumer<String> listener) {
      this.listener = listener;
    }

    @Override
    public boolean crossInstance() {
      return true;
    }
  }

  @Test
  void aKeysAnswerIsReusedUntilItsMerchantChangesHereOrOnAnotherInstance() {
    Keys keys = new Keys();
    Signals signals = new Signals();
    StoreIndex index = new StoreIndex();
    index.merchants = keys;
    index.signals = signals;
    index.listen();

    assertThat(index.merchantByApiKey("sk_a")).contains(SHOES);
    assertThat(index.merchantByApiKey("sk_a")).contains(SHOES);
    assertThat(keys.lookups).as("one database lookup for two calls").isEqualTo(1);

    // revoked or suspended here: forgotten at once, and the other instances are told
    keys.answer = Optional.empty();
    index.changed(new MerchantChanged("mer_1"));
    assertThat(signals.published).containsExactly("merchant-changed:mer_1");
    assertThat(index.merchantByApiKey("sk_a")).isEmpty();
    assertThat(index.merchantByApiKey("sk_a")).as("an unknown key is never kept").isEmpty();
    assertThat(keys.lookups).isEqualTo(3);

    // changed on another instance
    keys.answer = Optional.of(SHOES);
    index.merchantByApiKey("sk_a");
    signals.listener.accept("mer_1");
    index.merchantByApiKey("sk_a");
    assertThat(keys.lookups).isEqualTo(5);
  }

  @Test
  void anAnswerReadWhileItsMerchantChangedIsNotKept() {
    Keys keys = new Keys();
    StoreIndex index = new StoreIndex();
    index.merchants = keys;
    index.signals = new Signals();
    index.listen();
    keys.during = () -> index.changed(new MerchantChanged("mer_1")); // a revoke commits meanwhile
    index.merchantByApiKey("sk_b");
    keys.during = () -> {};
    index.merchantByApiKey("sk_b");
    assertThat(keys.lookups).as("the answer from before the change was not reused").isEqualTo(2);
  }
}
