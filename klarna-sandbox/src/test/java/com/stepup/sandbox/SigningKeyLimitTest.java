package com.stepup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeyLimitTest {

  @Test
  void anAccountHoldsTenSigningKeysAndADeletedOneMakesRoom() {
    SigningKeys n =
        new SigningKeys(
            new SandboxClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC)));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(n.create("acc-1").getString("signing_key_id"));
    }
    assertThatThrownBy(() -> n.create("acc-1"))
        .isInstanceOfSatisfying(KlarnaError.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThat(n.create("acc-2").getString("signing_key_id")).as("per account").isNotBlank();
    n.delete("acc-1", ids.get(0));
    assertThat(n.list("acc-1")).hasSize(9);
    assertThat(n.create("acc-1").getString("signing_key_id")).isNotBlank();
    assertThatThrownBy(() -> n.delete("acc-1", ids.get(0)))
        .isInstanceOfSatisfying(KlarnaError.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> n.delete("acc-2", ids.get(1)))
        .as("another account's key")
        .isInstanceOfSatisfying(KlarnaError.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
