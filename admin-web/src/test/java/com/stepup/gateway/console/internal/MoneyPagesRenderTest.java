package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.CaptureMode;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.PurchaseDataView;
import com.stepup.gateway.platform.ListPage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;

/**
 * The money pages' templates drawn without a server (issue 29): what they say, and that they draw.
 */
class MoneyPagesRenderTest {

  static String render(String template, Map<String, Object> models) {
    var engine = new ConsoleTemplates().templateEngine();
    if (!engine.isInitialized()) {
      engine.setLinkBuilder(
          new StandardLinkBuilder() {
            @Override
            protected String computeContextPath(
                IExpressionContext context, String base, Map<String, Object> parameters) {
              return "";
            }
          });
    }
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("mvc", Map.of("csrf", Map.of("name", "_csrf", "token", "t")));
    context.setVariable("zone", ZoneId.of("Europe/Berlin"));
    models.forEach(context::setVariable);
    return engine.process(template, Set.of("main"), context);
  }

  static PaymentView partlyRefunded() {
    var p =
        ConsoleViewsTest.payment(
            PaymentStatus.AUTHORIZED, PaymentRequestState.COMPLETED, ConsoleViewsTest.NOW);
    return new PaymentView(
        p.id(),
        p.merchantId(),
        p.status(),
        p.method(),
        12002,
        "EUR",
        "komma",
        p.storeId(),
        p.storeReference(),
        p.terminalId(),
        p.terminalReference(),
        null,
        p.klarna(),
        null,
        p.createdAt(),
        p.updatedAt(),
        CaptureMode.MANUAL,
        new PaymentView.Amounts(12002, 10000, 4000, 2002, 6000));
  }

  static Map<String, Object> paymentModels(PaymentView p) {
    var m = new HashMap<String, Object>();
    m.put("payment", p);
    m.put("movements", List.of());
    m.put("timelineRows", List.of());
    m.put("paymentDisputes", List.of());
    m.put("notifications", List.of());
    m.put("paymentZone", ZoneId.of("Europe/Berlin"));
    m.put("canOperate", true);
    m.put("canNote", false);
    m.put("purchaseData", new PurchaseDataView(null, null));
    m.put("purchaseMasked", false);
    m.put("now", ConsoleViewsTest.NOW);
    m.put("merchantName", "Shop");
    m.put("charged", ChargeAnswer.of(p));
    m.put("whyKey", ChargeAnswer.whyKey(p));
    m.put("duplicateOf", List.of());
    return m;
  }

  @Test
  void thePaymentPageSaysTheMoneyStatusAndKeepsARefusedAmountAtItsField() {
    PaymentView p = partlyRefunded();
    var models = paymentModels(p);
    models.put("amountField", "refund");
    models.put("amountTyped", "500,00");
    models.put("amountProblem", "€500.00 is more than can be refunded: €60.00 is left.");
    models.put("duplicateOf", List.of("pay_other"));
    String html = render("payment", models);
    assertThat(html)
        .contains("data-value=\"partially_refunded\"", "Partially refunded")
        .contains("Yes, and part of it was given back.")
        .contains("id=\"refund-amount-error\"", "€60.00 is left.", "value=\"500,00\"")
        .contains("aria-describedby=\"refund-amount-error\"")
        .contains("Amount to refund in EUR")
        .contains("class=\"button secondary danger-outline\"")
        .contains("Possible duplicate", "/console/payments/pay_other");
  }

  @Test
  void aCanceledPaymentIsNotCalledAFailureAndSupportCanWriteANote() {
    var base =
        ConsoleViewsTest.payment(
            PaymentStatus.CANCELED, PaymentRequestState.CANCELED, ConsoleViewsTest.NOW);
    var models = paymentModels(base);
    models.put("canOperate", false);
    models.put("canNote", true);
    models.put("failureWords", "canceled by the partner");
    models.put("noteProblem", "Write what the merchant should do.");
    String html = render("payment", models);
    assertThat(html)
        .contains("Why it was canceled", "canceled by the partner")
        .doesNotContain("Why it failed")
        .contains("data-value=\"no\"", "no money was taken")
        .contains("Note to the merchant&#39;s admins", "id=\"note-error\"");
  }

  @Test
  void theListShowsMoneyStatusDuplicatesAndWhatWasCharged() {
    PaymentView p = partlyRefunded();
    var models = new HashMap<String, Object>();
    models.put("payments", new ListPage<>(List.of(p), 0, 25, 1));
    models.put("duplicates", Map.of(p.id(), List.of("pay_x")));
    models.put("notes", List.of());
    models.put("totals", Map.of("EUR", 6000L));
    var form = new HashMap<String, String>();
    for (String k :
        List.of(
            "q",
            "merchant",
            "store",
            "terminal",
            "status",
            "method",
            "money",
            "from",
            "to",
            "sort",
            "expiring")) {
      form.put(k, "");
    }
    form.put("money", "partially_refunded");
    form.put("expiring", "7");
    form.put("size", "25");
    models.put("form", form);
    models.put("sizes", List.of(25, 50, 100));
    models.put("openedAt", ConsoleViewsTest.NOW.toString());
    models.put("firstPageNewest", true);
    models.put("storeOptions", List.of());
    models.put("terminalOptions", List.of());
    String html = render("payments", models);
    assertThat(html)
        .contains("<span>1 payment</span>", "charged (captured less refunded):", "€60.00")
        .contains("Created (CET, Europe/Berlin)")
        .contains("data-field=\"money-status\"", "Partially refunded")
        .contains("data-testid=\"possible-duplicate\"")
        .contains("movements.csv?", "money=partially_refunded", "expiring=7")
        .contains("<option value=\"partially_refunded\" selected=\"selected\"");
  }

  @Test
  void theAuditNamesActionsInWordsAndMerchantsByName() {
    AuditEntry cancel = new AuditEntry();
    cancel.at = ConsoleViewsTest.NOW.atOffset(ZoneOffset.UTC);
    cancel.username = "ann";
    cancel.role = "MERCHANT_ADMIN";
    cancel.merchantId = "mer_1";
    cancel.action = "payment.cancel";
    cancel.target = "pay_1";
    AuditEntry api = new AuditEntry();
    api.at = cancel.at;
    api.username = "admin";
    api.role = "PLATFORM_ADMIN";
    api.action = "admin-api.post";
    api.target = "mer_1";
    var models = new HashMap<String, Object>();
    models.put("entries", new ListPage<>(List.of(cancel, api), 0, 50, 2));
    models.put("merchantOptions", List.of());
    models.put("merchantNames", Map.of("mer_1", "Shoes Inc"));
    models.put("auditForm", Map.of("user", "ann", "action", "payment.", "merchant", ""));
    models.put("actionOptions", AuditController.ACTIONS);
    String html = render("audit", models);
    assertThat(html)
        .contains("Canceled a payment", "title=\"payment.cancel\"", "/console/payments/pay_1")
        .contains("Shoes Inc", "admin-api.post", "/console/merchants/mer_1")
        .contains("<option value=\"payment.\" selected=\"selected\">Payments</option>");
  }

  @Test
  void aPaymentWithADisputeSaysWhatItHoldsAndTheListCarriesTheMoneyWords() {
    PaymentView p = partlyRefunded();
    var disputed =
        new PaymentView(
            p.id(),
            p.merchantId(),
            p.status(),
            p.method(),
            p.amount(),
            p.currency(),
            p.reference(),
            p.storeId(),
            p.storeReference(),
            p.terminalId(),
            p.terminalReference(),
            null,
            p.klarna(),
            null,
            p.createdAt(),
            p.updatedAt(),
            CaptureMode.MANUAL,
            p.amounts().withDisputes(6000, 0));
    String html = render("payment", paymentModels(disputed));
    assertThat(html).contains("Held by open disputes", "data-amount=\"disputed\"", "€60.00");
    assertThat(render("payment", paymentModels(p))).doesNotContain("Held by open disputes");
  }

  @Test
  void aNewAdminTokenIsShownOnceBesideTheFormThatMadeIt() {
    var models = new HashMap<String, Object>();
    models.put("users", List.of());
    models.put("tokens", List.of());
    models.put("platformAdminsTwoFactor", false);
    models.put("twoFactorMerchants", List.of());
    models.put("userForm", Map.of("username", "", "role", "SUPPORT"));
    models.put("errors", Map.of());
    models.put("roles", List.of("SUPPORT", "PLATFORM_ADMIN"));
    models.put(
        "shownOnce",
        Map.of(
            "newToken",
            "adm_secretsecret",
            "newTokenExpires",
            Instant.parse("2027-03-05T10:00:00Z")));
    String html = render("users", models);
    assertThat(html)
        .contains("data-testid=\"new-admin-token\"", "adm_secretsecret", "shown only now")
        .contains("5 Mar 2027, 11:00:00 CET")
        .contains("action=\"/console/users/tokens\"", "data-testid=\"token-issue\"");
    models.remove("shownOnce");
    models.put("tokenLabel", "x".repeat(101));
    models.put("tokenProblem", "At most 100 characters.");
    assertThat(render("users", models))
        .doesNotContain("new-admin-token")
        .contains("id=\"token-label-error\"", "aria-describedby=\"token-label-error\"");
  }

  @Test
  void thePreferencesOfferEachLanguageWithHowItWritesNumbers() {
    String html =
        render(
            "preferences",
            Map.of(
                "chosenLocale",
                "de-DE",
                "effectiveLocale",
                "German (Germany)",
                "localeOptions",
                PreferencesController.options()));
    assertThat(html)
        .contains("German (Germany)", "Deutsch (Deutschland) (1.234,56)")
        .contains("value=\"de-DE\" selected", "As my browser says");
  }
}
