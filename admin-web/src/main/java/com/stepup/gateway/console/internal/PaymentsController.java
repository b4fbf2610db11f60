package com.stepup.gateway.console.internal;

import com.stepup.gateway.disputes.Disputes;
import com.stepup.gateway.payments.NewCapture;
import com.stepup.gateway.payments.NewRefund;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentSettlementView;
import com.stepup.gateway.payments.PaymentSettlements;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.Amounts;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.errors.AmountConflict;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.DomainError;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.stores.Stores;
import com.stepup.gateway.webhooks.PartnerNotifications;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Payments for support staff and admins: search and filters, paging and sorting, CSV of the current
 * filter, the detail with its timeline, and the operator actions (cancel, retry the final
 * authorization) with a confirmation step and an audit line. Support users only read; a merchant's
 * people see only their merchant's payments.
 */
@Controller
@RequestScoped
@Path("console/payments")
public class PaymentsController {

  private static final Properties WORDS = ConsoleTemplates.MESSAGES;

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject Payments payments;
  @Inject Merchants merchants;
  @Inject PartnerNotifications notifications;
  @Inject ConsoleAudit audit;
  @Inject Clock clock;
  @Inject Disputes disputes;
  @Inject Stores stores;
  @Inject PaymentSettlements settlements;
  @Inject SupportNotes notes;

  @GET
  public String list(@BeanParam ConsolePaymentFilter form) {
    caller.describe();
    String merchant = form.merchant(caller.storesMerchant());
    ZoneId zone = caller.zone(merchant);
    var filter = caller.storesOnly(form.filter(clock.instant(), zone));
    var notes = new ArrayList<>(form.notes());
    var list = payments.list(merchant, filter, form.page(), form.size());
    if (form.page() > 0 && form.page() >= list.pages()) {
      // past the end: say so, and show the last page there is
      int last = Math.max(0, list.pages() - 1);
      notes.add(
          "There is no page "
              + (form.page() + 1)
              + (list.pages() == 0
                  ? ": nothing matches."
                  : "; showing page " + (last + 1) + " of " + list.pages() + "."));
      list = payments.list(merchant, filter, last, form.size());
    }
    models.put("payments", list);
    models.put("duplicates", payments.possibleDuplicates(merchant, list.items()));
    models.put("notes", notes);
    models.put("totals", list.total() > 0 ? payments.charged(merchant, filter) : Map.of());
    models.put("form", form.values());
    models.put("sizes", ConsolePaymentFilter.SIZES);
    models.put("zone", zone);
    models.put("openedAt", clock.instant().toString());
    models.put(
        "firstPageNewest",
        list.page() == 0 && (filter.sort() == null || filter.sort() == PaymentFilter.Sort.NEWEST));
    var storeList =
        stores.list(merchant, null, 0, 200).items().stream()
            .filter(s -> caller.seesStore(s.id()))
            .toList();
    models.put("storeOptions", storeList);
    models.put(
        "terminalOptions",
        this.stores.allTerminals(merchant, 500).stream()
            .filter(t -> caller.seesStore(t.storeId()))
            .toList());
    if (caller.storesMerchant() == null) {
      var all = merchants.list(null, 0, 200).items();
      models.put("merchants", all);
      var names = new HashMap<String, String>();
      var zones = new HashMap<String, ZoneId>();
      all.forEach(
          m -> {
            names.put(m.id(), m.name());
            zones.put(m.id(), m.zone());
          });
      models.put("merchantNames", names);
      models.put("merchantZones", zones);
    }
    return "payments.html";
  }

  @GET
  @Path("{id}")
  public String payment(@PathParam("id") String id, @QueryParam("done") String done) {
    caller.describe();
    show(id);
    if (done != null && DONE.contains(done)) {
      models.put("done", done);
    }
    return "payment.html";
  }

  /** What an operator action says once done (the detail page's {@code ?done=}). */
  static final Set<String> DONE = Set.of("retry", "cancel", "capture", "refund", "release", "note");

  /**
   * A note to the payment's merchant admins from someone who cannot act on it (support): shown on
   * their dashboard, and audited. Anyone who sees the payment may send one.
   */
  @POST
  @Path("{id}/note")
  public Response note(@PathParam("id") String id, @FormParam("text") String text) {
    PaymentView p = payments.get(scopeFor(id), id);
    String t = text == null ? "" : text.strip();
    if (t.isEmpty() || t.length() > SupportNotes.MAX_TEXT) {
      caller.describe();
      show(id);
      models.put("noteTyped", t);
      models.put(
          "noteProblem",
          t.isEmpty()
              ? "Write what the merchant should do."
              : "At most " + SupportNotes.MAX_TEXT + " characters.");
      return Response.status(400).entity("payment.html").build();
    }
    notes.write(caller.username(), p.merchantId(), p.id(), t);
    audit.record("payment.note", id, t.length() > 200 ? t.substring(0, 200) + "…" : t);
    return Response.seeOther(URI.create("console/payments/" + id + "?done=note")).build();
  }

  /** The confirmation step before a cancel. */
  @GET
  @Path("{id}/cancel")
  public String confirmCancel(@PathParam("id") String id) {
    caller.requireOperator();
    caller.describe();
    show(id);
    models.put("confirm", "cancel");
    return "payment.html";
  }

  @POST
  @Path("{id}/cancel")
  public Response cancel(@PathParam("id") String id) {
    return operate(
        id, "payment.cancel", () -> payments.cancelByOperator(scopeFor(id), id, caller.username()));
  }

  @POST
  @Path("{id}/retry")
  public Response retry(@PathParam("id") String id) {
    return operate(
        id,
        "payment.retry-final-authorization",
        () -> payments.retryFinalAuthorization(scopeFor(id), id, caller.username()));
  }

  /**
   * The confirmation step before moving money: it states the amount (blank: all that is left) in
   * the payment's currency; an amount that is not one is shown as a problem.
   */
  @GET
  @Path("{id}/{money: capture|refund|release}")
  public Response confirmMoney(
      @PathParam("id") String id,
      @PathParam("money") String money,
      @QueryParam("amount") String amount,
      @QueryParam("reason") String reason) {
    caller.requireOperator();
    caller.describe();
    PaymentView p = show(id);
    long cap =
        switch (money) {
          case "refund" -> p.amounts().refundable();
          default -> p.amounts().capturable();
        };
    long minor;
    try {
      minor = Amounts.parse(amount, p.currency(), caller.locale()).orElse(cap);
    } catch (IllegalArgumentException bad) {
      String why = bad.getMessage();
      return amountRefused(
          money, amount, (why.startsWith("\"") ? why : "\"" + amount.strip() + "\": " + why) + ".");
    }
    if (!money.equals("release") && minor > cap) {
      // the cap is checked before "Yes", in the payment's currency, not after it in minor units
      return amountRefused(
          money,
          amount,
          Amounts.format(minor, p.currency())
              + " is more than can be "
              + (money.equals("refund") ? "refunded" : "captured")
              + ": "
              + Amounts.format(cap, p.currency())
              + " is left.");
    }
    models.put("confirm", money);
    models.put("confirmAmount", minor);
    models.put("confirmReason", reason == null ? "" : reason.strip());
    return Response.ok("payment.html").build();
  }

  /** The amount field again, with what was typed and why it was refused beside it. */
  private Response amountRefused(String money, String typed, String why) {
    models.put("amountField", money);
    models.put("amountTyped", typed == null ? "" : typed.strip());
    models.put("amountProblem", why);
    return Response.status(400).entity("payment.html").build();
  }

  @POST
  @Path("{id}/capture")
  public Response capture(@PathParam("id") String id, @FormParam("amount") Long amount) {
    return operate(
        id,
        "payment.capture",
        () ->
            payments.capture(
                scopeFor(id), id, new NewCapture(amount, List.of(), null), caller.username()));
  }

  @POST
  @Path("{id}/refund")
  public Response refund(
      @PathParam("id") String id,
      @FormParam("amount") Long amount,
      @FormParam("reason") String reason) {
    return operate(
        id,
        "payment.refund",
        () ->
            payments.refund(
                scopeFor(id),
                id,
                new NewRefund(
                    amount,
                    null,
                    reason == null || reason.isBlank() ? null : reason.strip(),
                    List.of()),
                caller.username()));
  }

  @POST
  @Path("{id}/release")
  public Response release(@PathParam("id") String id) {
    return operate(
        id, "payment.release", () -> payments.release(scopeFor(id), id, caller.username()));
  }

  /** An operator action: done and audited, then the detail again; a refusal shown on it. */
  private Response operate(String id, String action, Runnable act) {
    caller.requireOperator();
    try {
      act.run();
      audit.record(action, id, null);
    } catch (AmountConflict refused) {
      // a race after "Yes": said in the payment's currency, not in minor units
      String currency = payments.get(scopeFor(id), id).currency();
      return again(id, new Conflict(MoneyRefusal.say(refused, currency, WORDS)));
    } catch (DomainError refused) {
      return again(id, refused);
    }
    String what = action.substring(action.lastIndexOf('.') + 1);
    return Response.seeOther(
            URI.create(
                "console/payments/"
                    + id
                    + "?done="
                    + (what.equals("retry-final-authorization") ? "retry" : what)))
        .build();
  }

  private Response again(String id, DomainError refused) {
    if (refused instanceof NotFound) {
      throw refused;
    }
    caller.describe();
    show(id);
    models.put("problem", refused.getMessage());
    return Response.status(ApiProblem.from(refused).status()).entity("payment.html").build();
  }

  /**
   * The merchant scope for one payment: the caller's, and for a store manager only when the payment
   * is at one of their stores; another store's payment is not found, like another merchant's.
   */
  private String scopeFor(String id) {
    String scope = caller.storesMerchant();
    if (caller.storeManager()
        && !caller.storeReferences().contains(payments.get(scope, id).storeReference())) {
      throw ApiProblem.notFound("Payment " + id);
    }
    return scope;
  }

  /** The last final-authorization answer when it was a failure (none came after it), else null. */
  static String finalizationFailing(List<TimelineEntry> timeline) {
    String failing = null;
    for (var e : timeline) {
      if (e.event() == TimelineEvent.FINAL_AUTHORIZE_FAILED && !e.args().isEmpty()) {
        failing = e.args().get(0).english();
      } else if (e.event() == TimelineEvent.FINAL_AUTHORIZE_ANSWERED) {
        failing = null;
      }
    }
    return failing;
  }

  private PaymentView show(String id) {
    String scope = scopeFor(id);
    PaymentView p = payments.get(scope, id);
    models.put("movements", payments.movements(scope, id));
    models.put("payment", p);
    List<TimelineEntry> timeline = payments.timeline(scope, id);
    models.put("timeline", timeline);
    models.put("paymentDisputes", disputes.forPayment(scopeFor(id), p.id()));
    models.put(
        "settlement",
        p.amounts().captured() > 0 || p.amounts().refunded() > 0
            ? settlements.of(List.of(p.id())).getOrDefault(p.id(), PaymentSettlementView.NONE)
            : null);
    models.put("timelineRows", TimelineRows.of(timeline, WORDS, p.id()));
    models.put("paymentZone", caller.zone(p.merchantId()));
    String failing = finalizationFailing(timeline);
    models.put(
        "finalizationFailing",
        failing == null
            ? null
            : TimelineRows.parts(failing, WORDS, p.id()).stream()
                .map(TimelineRows.Part::text)
                .collect(Collectors.joining()));
    models.put("charged", ChargeAnswer.of(p));
    models.put(
        "duplicateOf",
        payments.possibleDuplicates(scope, List.of(p)).getOrDefault(p.id(), List.of()));
    models.put("whyKey", ChargeAnswer.whyKey(p));
    models.put(
        "failureWords",
        p.failureReason() == null
            ? null
            : TimelineRows.parts(p.failureReason(), WORDS, p.id()).stream()
                .map(TimelineRows.Part::text)
                .collect(Collectors.joining()));
    models.put("notifications", notifications.list(scope, null, id, 0, 20).items());
    models.put("canOperate", caller.role() != ConsoleRole.SUPPORT);
    models.put("canNote", caller.role() != ConsoleRole.MERCHANT_ADMIN);
    // personal data: admins see it as given, support staff masked
    boolean masked = caller.role() == ConsoleRole.SUPPORT;
    var purchase = payments.purchaseData(scope, id);
    models.put("purchaseData", masked ? purchase.masked() : purchase);
    models.put("purchaseMasked", masked);
    models.put("now", clock.instant());
    models.put("merchantName", merchants.find(p.merchantId()).map(m -> m.name()).orElse(""));
    return p;
  }
}
