package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentSettlementView;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.settlements.SettlementSummary;
import com.stepup.gateway.settlements.TerminalDayReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;

/** The console's settlement views render their figures (the real templates and dialect). */
class SettlementViewsTest {

  static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  static String render(String template, String selector, Map<String, Object> vars) {
    Context context = new Context(Locale.ENGLISH);
    vars.forEach(context::setVariable);
    var engine = new ConsoleTemplates().templateEngine();
    // links as the server writes them, without a servlet context (the context path is empty)
    engine.setLinkBuilder(
        new StandardLinkBuilder() {
          @Override
          protected String computeContextPath(
              IExpressionContext context, String base, Map<String, Object> parameters) {
            return "";
          }
        });
    return engine.process(template, Set.of(selector), context);
  }

  @Test
  void thePaymentPageSaysWhatKlarnaPaidOut() {
    var settlement =
        new PaymentSettlementView(
            "partially_settled",
            5_002,
            -175,
            List.of(
                new PaymentSettlementView.Move(
                    "cap_1", 5_002, true, "po_1", "PR-1", AT, 5_002, -175, 0)),
            List.of(
                new PaymentSettlementView.Move("ref_1", 1_000, false, null, null, null, 0, 0, 0)));
    String html =
        render(
            "payment",
            "section[data-testid='payment-settlement']",
            Map.of(
                "settlement",
                settlement,
                "payment",
                ConsoleViewsTest.payment(
                    PaymentStatus.AUTHORIZED, PaymentRequestState.COMPLETED, AT),
                "paymentZone",
                ZoneId.of("UTC")));
    assertThat(html)
        .contains("data-status=\"partially_settled\"")
        .contains("Klarna has paid out some of the captures and refunds")
        .contains("data-id=\"cap_1\" data-settled=\"true\"", "PR-1", "/console/payouts/po_1")
        .contains("data-id=\"ref_1\" data-settled=\"false\"", "Not yet");
  }

  @Test
  void theDashboardSaysSettledVersusCapturedAndOpenItems() {
    String html =
        render(
            "dashboard",
            "section[data-testid='settlement-summary']",
            Map.of(
                "settlementSummary",
                new SettlementSummary(
                    List.of(new SettlementSummary.Row("USD", 10_000, 5_000, 4_500, 1)), 3),
                "zone",
                ZoneId.of("UTC")));
    assertThat(html)
        .contains("data-currency=\"USD\"", "$100.00", "$50.00 (50 %)", "$45.00")
        .contains("3 open reconciliation items");
  }

  @Test
  void theTerminalDayPageSaysTheDaysFigures() {
    var report =
        new TerminalDayReport(
            "mer_1",
            "store-001",
            "till-7",
            "Till 7",
            LocalDate.of(2026, 12, 5),
            "UTC",
            AT,
            AT,
            new TerminalDayReport.Sales(3, 1, 1, 0, 1, 0, 0),
            List.of(
                new TerminalDayReport.CurrencyDay(
                    "USD", 5_002, 1_000, 4_002, 0, 0, 0, 0, 1, 1, 5_002, -1_000, -175, 3_827)));
    String html =
        render(
            "terminal-day",
            "main",
            Map.of(
                "report",
                report,
                "storeId",
                "sto_1",
                "previous",
                "2026-12-04",
                "next",
                "2026-12-06"));
    assertThat(html)
        .contains("data-figure=\"started\">3<", "$50.02", "$40.02", "1 of 1 captures, net $38.27")
        .contains("/console/terminals/day/pdf?store=sto_1&amp;terminal=till-7&amp;date=2026-12-05");
  }
}
