package com.stepup.gateway.disputes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.disputes.DisputeState;
import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.platform.StreamedJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A dispute written by a generator (the list) is the single answer's bytes. */
class DisputeJsonTest {

  private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

  @Test
  void aDisputeWithEveryFieldIsWrittenAsItsTree() {
    var dispute = dispute("cap_1", AT.plusSeconds(86_400), AT.plusSeconds(172_800), "won", 12_345L);

    assertThat(streamed(dispute)).isEqualTo(DisputeJson.dispute(dispute).toString());
  }

  @Test
  void aDisputeWithoutItsOptionalFieldsLeavesThemOut() {
    var dispute = dispute(null, null, null, null, 3_000_000_000L);

    assertThat(streamed(dispute))
        .isEqualTo(DisputeJson.dispute(dispute).toString())
        .isEqualTo(
            "{\"id\":\"dsp_1\",\"payment_id\":\"pay_1\",\"klarna_dispute_id\":\"krn:dispute:1\","
                + "\"reason\":\"goods_not_received\",\"state\":\"INITIATED\","
                + "\"amount\":3000000000,\"currency\":\"EUR\","
                + "\"created_at\":\"2026-12-01T08:00:00Z\",\"updated_at\":\"2026-12-01T08:00:00Z\"}");
  }

  private static DisputeView dispute(
      String captureId, Instant evidenceDue, Instant appealDue, String outcome, long amount) {
    return new DisputeView(
        "dsp_1",
        "mer_1",
        "pay_1",
        captureId,
        "krn:dispute:1",
        "goods_not_received",
        DisputeState.INITIATED,
        amount,
        "EUR",
        evidenceDue,
        appealDue,
        outcome,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        AT,
        AT);
  }

  private static String streamed(DisputeView dispute) {
    return new StreamedJson(json -> DisputeJson.write(json, dispute)).toString();
  }
}
