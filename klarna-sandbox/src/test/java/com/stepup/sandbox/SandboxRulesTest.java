package com.stepup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SandboxRulesTest {

  @Test
  void paymentRequestMovesAreExactlyKlarnasOnes() {
    var s = PaymentRequestState.SUBMITTED;
    var p = PaymentRequestState.IN_PROGRESS;
    var c = PaymentRequestState.COMPLETED;
    assertThat(s.next())
        .containsExactlyInAnyOrder(p, PaymentRequestState.EXPIRED, PaymentRequestState.CANCELED);
    assertThat(p.next())
        .containsExactlyInAnyOrder(
            s,
            c,
            PaymentRequestState.DECLINED,
            PaymentRequestState.EXPIRED,
            PaymentRequestState.CANCELED);
    assertThat(c.next())
        .containsExactlyInAnyOrder(PaymentRequestState.CANCELED, PaymentRequestState.EXPIRED);
    assertThat(s.canMoveTo(c)).as("no completion without the shopper in the journey").isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentRequestState.class,
      names = {"DECLINED", "EXPIRED", "CANCELED"})
  void finalStatesGoNowhere(PaymentRequestState state) {
    assertThat(state.isFinal()).isTrue();
    for (PaymentRequestState target : EnumSet.allOf(PaymentRequestState.class)) {
      assertThat(state.canMoveTo(target)).isFalse();
    }
  }

  @Test
  void eventTypesAreTheStateInKebabCase() {
    assertThat(PaymentRequestState.IN_PROGRESS.eventType())
        .isEqualTo("payment.request.state-change.in-progress");
    assertThat(PaymentRequestState.COMPLETED.eventType())
        .isEqualTo("payment.request.state-change.completed");
  }

  @Test
  void outcomeRuleFirstMatchWins() {
    assertThat(PaymentRequests.chooseOutcome("APPROVED", 11801, true)).isEqualTo("APPROVED");
    assertThat(PaymentRequests.chooseOutcome(null, 11801, true)).isEqualTo("DECLINED");
    assertThat(PaymentRequests.chooseOutcome(null, 11802, true)).isEqualTo("APPROVED");
    assertThat(PaymentRequests.chooseOutcome(null, 11800, true)).isEqualTo("STEP_UP_REQUIRED");
    assertThat(PaymentRequests.chooseOutcome(null, 11800, false)).isEqualTo("APPROVED");
    assertThat(PaymentRequests.chooseOutcome("STEP_UP_REQUIRED", 11800, false))
        .as("never a step-up that was not offered")
        .isEqualTo("DECLINED");
    assertThat(PaymentRequests.chooseOutcome("bogus", 11800, true)).isEqualTo("STEP_UP_REQUIRED");
  }

  @Test
  void signatureIsLowerCaseHexHmacSha256() {
    // RFC 4231 test case 2
    assertThat(SigningKeys.sign("Jefe", "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void webhookEventTypesMatchWithWildcards() {
    var types = Json.createArrayBuilder().add("payment.request.*").build();
    assertThat(Webhooks.matches(types, "payment.request.state-change.completed")).isTrue();
    assertThat(Webhooks.matches(types, "payment.transaction.state-change.authorized")).isFalse();
    assertThat(Webhooks.matches(Json.createArrayBuilder().add("*").build(), "x")).isTrue();
  }

  @Test
  void theClockOnlyMovesForward() {
    var clock =
        new SandboxClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    clock.advance(Duration.ofMinutes(61));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T01:01:00Z"));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storesNeedTheirTypesData() {
    var website =
        Json.createObjectBuilder().add("type", "WEBSITE").add("store_reference", "w").build();
    assertThat(SandboxStores.validate(website, true))
        .extracting(KlarnaError.Invalid::parameter)
        .containsExactly("url");
    var app =
        Json.createObjectBuilder().add("type", "MOBILE_APP").add("store_reference", "a").build();
    assertThat(SandboxStores.validate(app, true))
        .extracting(KlarnaError.Invalid::parameter)
        .containsExactly("platform", "bundle_names");
    var shop =
        Json.createObjectBuilder()
            .add("type", "PHYSICAL_STORE")
            .add("store_reference", "s")
            .add(
                "address",
                Json.createObjectBuilder()
                    .add("street_address", "1 Main St")
                    .add("city", "Columbus")
                    .add("country", "us"))
            .build();
    assertThat(SandboxStores.validate(shop, true))
        .as("a lower-case country is not ISO 3166")
        .extracting(KlarnaError.Invalid::parameter)
        .containsExactly("address");
    assertThat(SandboxStores.isHttpUrl("https://shop.example/r?id={klarna.payment_request.id}"))
        .isTrue();
    assertThat(SandboxStores.isHttpUrl("javascript:alert(1)")).isFalse();
  }
}
