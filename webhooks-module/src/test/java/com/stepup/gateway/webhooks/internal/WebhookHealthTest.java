package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.webhooks.KlarnaWebhookHealth;
import org.junit.jupiter.api.Test;

class WebhookHealthTest {

  static KlarnaWebhookHealth health(long receivedLastHour, long badSignaturesLastHour) {
    return new KlarnaWebhookHealth(
        100, 0, 5, 5, 0, 0, "krn:w", receivedLastHour, badSignaturesLastHour);
  }

  @Test
  void signaturesFailingWithNothingAcceptedIsAnAlarm() {
    assertThat(health(0, 10).alarm()).contains("10 Klarna webhooks", "signing key");
    assertThat(NotificationJson.health(health(0, 10)).getString("alarm")).contains("signature");
  }

  @Test
  void aStrayBadSignatureAmongGoodEventsIsNot() {
    assertThat(health(40, 1).alarm()).isNull();
    assertThat(health(0, 0).alarm()).isNull();
    assertThat(NotificationJson.health(health(40, 1)).containsKey("alarm")).isFalse();
  }
}
