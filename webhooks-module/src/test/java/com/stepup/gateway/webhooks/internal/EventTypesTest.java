package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypesTest {

  @Test
  void noChoiceIsEveryTypeAndAWildcardAFamily() {
    assertThat(EventTypes.wanted(List.of(), "dispute.won")).isTrue();
    assertThat(EventTypes.wanted(List.of("payment.*"), "payment.captured")).isTrue();
    assertThat(EventTypes.wanted(List.of("payment.*"), "dispute.opened")).isFalse();
    assertThat(EventTypes.wanted(List.of("payment.authorized"), "payment.authorization_expired"))
        .isFalse();
    assertThat(EventTypes.wanted(List.of("dispute.won"), "ping")).as("the test always").isTrue();
  }

  @Test
  void onlyKnownTypesAndWildcardsMayBeChosen() {
    assertThat(EventTypes.known("payment.captured")).isTrue();
    assertThat(EventTypes.known("dispute.*")).isTrue();
    assertThat(EventTypes.known("payment.capture")).isFalse();
    assertThat(EventTypes.known("*")).isFalse();
    assertThat(EventTypes.parse(EventTypes.join(List.of("payment.*", "dispute.won"))))
        .containsExactly("payment.*", "dispute.won");
    assertThat(EventTypes.parse(null)).isEmpty();
  }
}
