package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.disputes.DisputeState;
import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.platform.ListPage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's dispute list (the real template and dialect). */
class DisputeViewsTest {

  static final Instant DUE = Instant.parse("2026-12-20T23:30:00Z");

  static DisputeView initiated(String id, String merchantId) {
    return new DisputeView(
        id,
        merchantId,
        "pay_" + id,
        null,
        "krn:dispute:" + id,
        "PRODUCTS_OR_SERVICES_NOT_RECEIVED",
        DisputeState.INITIATED,
        4000,
        "EUR",
        DUE,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        DUE.minusSeconds(86400 * 21),
        DUE.minusSeconds(86400 * 21));
  }

  @Test
  void aPlatformAdminSeesEachDeadlineInItsMerchantsZone() {
    var list =
        new ListPage<>(List.of(initiated("dsp_1", "mer_b"), initiated("dsp_2", "mer_t")), 0, 50, 2);
    String html =
        SettlementViewsTest.render(
            "disputes",
            "table[data-testid='dispute-list']",
            Map.of(
                "disputes",
                list,
                "timeLeft",
                Map.of(),
                "zone",
                ZoneId.of("UTC"),
                "disputeZones",
                Map.of("mer_b", ZoneId.of("Europe/Berlin"), "mer_t", ZoneId.of("Asia/Tokyo"))));
    assertThat(html)
        .as("the same deadline, each in its merchant's zone, not the viewer's (UTC)")
        .contains("21 Dec 2026, 00:30:00 CET")
        .contains("21 Dec 2026, 08:30:00 JST")
        .doesNotContain("20 Dec 2026, 23:30:00");
  }
}
