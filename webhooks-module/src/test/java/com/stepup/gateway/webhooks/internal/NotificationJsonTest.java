package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.webhooks.NotificationView;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A notification written by a generator (the lists) is the single answer's bytes. */
class NotificationJsonTest {

  private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void aNotificationWithEveryFieldIsWrittenAsItsTree() {
    var n =
        new NotificationView(
            "ntf_1",
            "mer_1",
            "pay_1",
            "payment.captured",
            NotificationView.Status.FAILED,
            7,
            AT.plusSeconds(30),
            503,
            "Service \"Unavailable\"",
            AT,
            AT.plusMillis(1_250));

    assertThat(streamed(n)).isEqualTo(NotificationJson.notification(n).toString());
  }

  @Test
  void aPendingNotificationLeavesOutWhatHasNotHappened() {
    var n =
        new NotificationView(
            "ntf_2",
            "mer_1",
            "pay_1",
            "payment.authorized",
            NotificationView.Status.PENDING,
            0,
            null,
            null,
            null,
            AT,
            null);

    assertThat(streamed(n))
        .isEqualTo(NotificationJson.notification(n).toString())
        .isEqualTo(
            "{\"id\":\"ntf_2\",\"merchant_id\":\"mer_1\",\"payment_id\":\"pay_1\","
                + "\"type\":\"payment.authorized\",\"status\":\"pending\",\"attempts\":0,"
                + "\"created_at\":\"2026-12-05T10:00:00Z\"}");
  }

  private static String streamed(NotificationView n) {
    return new StreamedJson(json -> NotificationJson.write(json, n)).toString();
  }
}
