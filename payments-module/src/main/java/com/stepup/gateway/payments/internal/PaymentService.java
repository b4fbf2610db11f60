package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.FinalAuthorizationToken;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStats;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.Ids;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.StoreDirectory;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a payment is carried out: each step records its intent, calls Klarna with no transaction
 * open, and records the answer. Klarna calls carry idempotency keys derived from the payment, so a
 * repeated step (a retry, a resumed request, a second worker) gets Klarna's first answer instead of
 * a second transaction; the final authorization is additionally claimed by one worker at a time.
 */
@ApplicationScoped
class PaymentService implements Payments {

  private static final Logger LOG = Logger.getLogger(PaymentService.class.getName());

  @Inject PaymentRepository repository;
  @Inject StoreDirectory directory;
  @Inject KlarnaPayments klarna;
  @Inject PaymentSettings settings;
  @Inject Clock clock;

  /** The unauthenticated return page may read Klarna for a payment once per interval. */
  private final ReturnReads returnReads = new ReturnReads(ReturnReads.INTERVAL);

  @Override
  public PaymentView create(
      MerchantView merchant, NewPayment in, String idempotencyKey, String requestBody) {
    String hash = Ids.sha256(requestBody);
    if (idempotencyKey != null) {
      Optional<Payment> earlier = repository.byIdempotencyKey(merchant.id(), idempotencyKey);
      if (earlier.isPresent()) {
        if (!earlier.get().requestHash.equals(hash)) {
          throw ApiProblem.unprocessable(
              "This Idempotency-Key was first used with a different request; use a new key.");
        }
        return earlier.get().authorizing() ? authorize(earlier.get().id) : earlier.get().view();
      }
    }
    StoreView store =
        directory
            .store(merchant.id(), in.storeIdOrReference())
            .orElseThrow(() -> ApiProblem.invalid("store_reference", "names none of your stores"));
    TerminalView terminal = null;
    if (in.inStore()) {
      terminal =
          directory
              .terminal(merchant.id(), in.terminalReference())
              .filter(t -> t.storeId().equals(store.id()))
              .orElseThrow(
                  () ->
                      ApiProblem.invalid(
                          "terminal_reference",
                          "names no terminal of store " + store.storeReference()));
      if (!terminal.active()) {
        throw ApiProblem.invalid("terminal_reference", "the terminal is deactivated");
      }
      if (store.type() != StoreType.PHYSICAL_STORE) {
        throw ApiProblem.invalid("store_reference", "an in-store payment needs a PHYSICAL_STORE");
      }
    }
    Payment p = new Payment();
    p.id = Ids.next("pay");
    p.merchantId = merchant.id();
    p.partnerAccountId = merchant.partnerAccountId();
    p.idempotencyKey = idempotencyKey;
    p.requestHash = hash;
    p.method = in.inStore() ? "QR_CODE" : "HANDOVER";
    p.amount = in.amount();
    p.currency = in.currency();
    p.reference = in.reference();
    p.storeId = store.id();
    p.storeReference = store.storeReference();
    p.terminalId = terminal == null ? null : terminal.id();
    p.terminalReference = terminal == null ? null : terminal.terminalReference();
    p.returnUrl = in.returnUrl();
    p.appReturnUrl = in.appReturnUrl();
    p.requestBody = requestBody;
    repository.insert(
        p,
        "Partner created the payment" + (idempotencyKey != null ? " (Idempotency-Key set)" : ""),
        Redaction.redact(requestBody));
    if (terminal != null) {
      for (String old : repository.supersedableOnTerminal(terminal.id(), p.id)) {
        supersede(old, p.id, terminal.terminalReference());
      }
    }
    return authorize(p.id);
  }

  /** Sends (or re-sends, with the same key) the initial authorize and records the answer. */
  PaymentView authorize(String id) {
    Payment p = repository.startAuthorize(id);
    StoreView store = directory.store(p.merchantId, p.storeId).orElseThrow();
    NewPayment in = PaymentInput.read(p.requestBody);
    AuthorizeRequest.StepUp stepUp =
        "QR_CODE".equals(p.method)
            ? AuthorizeRequest.StepUp.qrCode(
                p.id,
                store.onboarded() ? store.klarnaStoreId() : null,
                store.storeReference(),
                p.terminalReference)
            : AuthorizeRequest.StepUp.handover(
                p.id, settings.baseUrl() + "/return/" + p.id, p.appReturnUrl);
    var lines = Json.createArrayBuilder();
    for (NewPayment.LineItem l : in.lineItems()) {
      lines.add(
          Json.createObjectBuilder()
              .add("name", l.name())
              .add("quantity", l.quantity())
              .add("unit_price", l.unitPrice())
              .add("total_amount", l.totalAmount()));
    }
    AuthorizeRequest request =
        new AuthorizeRequest(
            p.currency,
            p.amount,
            p.id,
            p.reference,
            lines.build(),
            in.partnerToken(),
            in.networkData(),
            stepUp);
    JsonObject sent = request.toJson();
    try {
      AuthorizeResult result =
          klarna.authorize(p.partnerAccountId, request, idempotencyKey(p, "authorize"));
      return repository.recordAuthorize(id, result, call(sent, result.raw())).view();
    } catch (KlarnaException e) {
      Payment failed = repository.recordAuthorizeFailed(id, e, call(sent, error(e)));
      if (failed.status() == PaymentStatus.PENDING) {
        throw ApiProblem.unavailable(
                "Klarna did not answer in time. The payment is kept and will be resumed: poll it,"
                    + " or send the same request with the same Idempotency-Key.")
            .with("payment_id", id);
      }
      throw ApiProblem.badGateway("Klarna refused the payment: " + e.describe())
          .with("payment_id", id);
    }
  }

  /** The final authorization, made by whichever worker claims it; others leave it be. */
  PaymentView finalizeIfDue(String id) {
    Optional<Payment> claimed = repository.claimFinalization(id);
    if (claimed.isEmpty()) {
      return repository.find(id).orElseThrow().view();
    }
    Payment p = claimed.get();
    JsonObject sent = AuthorizeRequest.finalBody(p.currency, p.amount, p.id);
    try {
      AuthorizeResult result =
          klarna.finalAuthorize(
              p.partnerAccountId,
              new FinalAuthorizationToken(p.tokenHeader, p.token),
              p.currency,
              p.amount,
              p.id,
              idempotencyKey(p, "final-authorize"));
      return repository
          .recordFinal(id, result, call(header(p.tokenHeader, sent), result.raw()))
          .view();
    } catch (KlarnaException e) {
      return repository
          .recordFinalFailed(id, e, call(header(p.tokenHeader, sent), error(e)))
          .view();
    }
  }

  @Override
  public PaymentView get(String merchantId, String paymentId) {
    return own(merchantId, paymentId).view();
  }

  @Override
  public Optional<PaymentView> find(String paymentId) {
    return repository.find(paymentId).map(Payment::view);
  }

  @Override
  public ListPage<PaymentView> list(String merchantId, PaymentFilter filter, int page, int size) {
    return repository.list(merchantId, filter, page, size);
  }

  @Override
  public List<TimelineEntry> timeline(String merchantId, String paymentId) {
    return repository.timeline(own(merchantId, paymentId).id);
  }

  @Override
  public PaymentView cancel(String merchantId, String paymentId, String who) {
    return cancel(merchantId, paymentId, Kind.PARTNER, "Cancel requested by " + who);
  }

  @Override
  public PaymentView cancelByOperator(String merchantId, String paymentId, String username) {
    return cancel(
        merchantId, paymentId, Kind.OPERATOR, "Cancel requested in the console by " + username);
  }

  @Override
  public PaymentView retryFinalAuthorization(String merchantId, String paymentId, String username) {
    Payment p = own(merchantId, paymentId);
    if (!p.finalizable()) {
      throw ApiProblem.conflict(
          null,
          "Only an approved, pending payment whose final authorization is due can be retried.");
    }
    if (p.tokenExpiresAt() != null && !p.tokenExpiresAt().isAfter(clock.instant())) {
      throw ApiProblem.conflict(
          null, "Klarna's token has expired; the payment cannot be finalized.");
    }
    repository.note(
        paymentId,
        Kind.OPERATOR,
        "Final authorization retried in the console by " + username,
        null);
    PaymentView view = finalizeIfDue(paymentId);
    if (view.status() == PaymentStatus.PENDING
        && repository.find(paymentId).map(q -> q.finalizeClaimedAt != null).orElse(false)) {
      throw ApiProblem.conflict(null, "A final authorization is running; look again shortly.");
    }
    return view;
  }

  @Override
  public List<PaymentView> changedSince(String merchantId, Instant since, int limit) {
    return repository.changedSince(merchantId, since, limit);
  }

  @Override
  public Optional<PaymentView> latestOnTerminal(String terminalId) {
    return repository.latestOnTerminal(terminalId);
  }

  @Override
  public PaymentStats stats(String merchantId, Instant from, Instant to) {
    return repository.stats(merchantId, from, to);
  }

  private PaymentView cancel(String merchantId, String paymentId, Kind kind, String summary) {
    Payment p = own(merchantId, paymentId);
    if (p.status().isFinal()) {
      throw ApiProblem.conflict(
          null,
          "The payment is " + p.status().wire() + "; only a pending payment can be canceled.");
    }
    if (p.authorizing()) {
      throw ApiProblem.conflict(null, "Klarna has not answered the authorize yet; retry shortly.");
    }
    if (p.requestState() == PaymentRequestState.COMPLETED) {
      throw ApiProblem.conflict(
          null, "The shopper has approved; the final authorization is under way.");
    }
    repository.requestCancel(p.id, kind, summary);
    return cancelAtKlarna(p.id, true);
  }

  private void supersede(String oldId, String newId, String terminal) {
    repository.requestCancel(
        oldId, Kind.PARTNER, "Superseded by " + newId + " on terminal " + terminal + ": canceling");
    try {
      cancelAtKlarna(oldId, false);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Canceling superseded payment {0} failed; the janitor retries", oldId);
    }
  }

  private PaymentView cancelAtKlarna(String id, boolean answerPartner) {
    Payment p = repository.find(id).orElseThrow();
    if (p.status().isFinal()) {
      return p.view();
    }
    if (!answerPartner && p.requestState() == PaymentRequestState.COMPLETED) {
      // approved by the shopper meanwhile: a superseded sale is not taken back from them
      repository.note(id, Kind.KLARNA_CALL, "Cancel not sent: the shopper has approved", null);
      return p.view();
    }
    if (p.prId == null) {
      return p.view(); // the janitor cancels once the authorize answer is known
    }
    try {
      KlarnaPaymentRequest canceled = klarna.cancel(p.partnerAccountId, p.prId);
      repository.note(id, Kind.KLARNA_CALL, "Klarna cancel: " + canceled.state(), null);
      return repository.applySignal(id, canceled, "cancel answer").orElseThrow().view();
    } catch (KlarnaException e) {
      if (e.status() == 409 || e.status() == 404) {
        repository.note(id, Kind.KLARNA_CALL, "Klarna cancel refused: " + e.describe(), null);
        PaymentView now = refresh(id, "read after refused cancel");
        if (answerPartner && now.status() == PaymentStatus.PENDING) {
          throw ApiProblem.conflict(null, "Klarna refused the cancel: " + e.describe());
        }
        return now;
      }
      repository.recordCallFailed(id, "Klarna cancel", e);
      if (answerPartner) {
        throw ApiProblem.unavailable(
                "Klarna did not answer the cancel; it will be retried. Poll the payment.")
            .with("payment_id", id);
      }
      return repository.find(id).orElseThrow().view();
    }
  }

  @Override
  public void onPaymentRequest(KlarnaPaymentRequest request, String source) {
    repository
        .applySignal(null, request, source)
        .filter(Payment::finalizable)
        .ifPresent(p -> finalizeIfDue(p.id));
  }

  /** Reads the Payment Request from Klarna, applies it, and finalizes when it is COMPLETED. */
  PaymentView refresh(String id, String source) {
    Payment p = repository.find(id).orElseThrow();
    if (p.prId != null && p.status() == PaymentStatus.PENDING) {
      KlarnaPaymentRequest pr = klarna.read(p.partnerAccountId, p.prId);
      p = repository.applySignal(id, pr, source, true).orElse(p);
    }
    return p.finalizable() ? finalizeIfDue(id) : p.view();
  }

  @Override
  public PaymentView returnFromKlarna(String paymentId) {
    Payment p = repository.find(paymentId).orElseThrow(() -> ApiProblem.notFound("Payment"));
    if (p.status() != PaymentStatus.PENDING || p.prId == null) {
      return p.view();
    }
    PaymentView view;
    boolean throttled = !returnReads.mayRead(paymentId, clock.instant());
    if (throttled) {
      // the return page reloaded again and again: Klarna is read at most every few seconds
      view = p.finalizable() ? finalizeIfDue(paymentId) : p.view();
    } else {
      try {
        view = refresh(paymentId, "return redirect");
      } catch (KlarnaException e) {
        repository.note(
            paymentId, Kind.KLARNA_CALL, "Read on return failed: " + e.describe(), null);
        view = p.view();
      }
    }
    // another worker may hold the final authorization (or, for a repeated return, the read that
    // leads to it): wait a little for its outcome
    long started = System.nanoTime();
    long deadline = started + settings.returnWait().toNanos();
    long readWindow = started + ReturnReads.INTERVAL.toNanos();
    while (view.status() == PaymentStatus.PENDING
        && (view.klarna().state() == PaymentRequestState.COMPLETED
            || (throttled && System.nanoTime() < readWindow))
        && System.nanoTime() < deadline) {
      sleep(200);
      view = repository.find(paymentId).orElseThrow().view();
    }
    return view;
  }

  /** Releases (voids) at Klarna the transaction of a late approval, with the same key each time. */
  void release(String id) {
    Payment p = repository.find(id).orElse(null);
    if (p == null || !"RELEASING".equals(p.releaseState) || p.lateTransactionId == null) {
      return;
    }
    try {
      String state =
          klarna.voidTransaction(
              p.partnerAccountId, p.lateTransactionId, idempotencyKey(p, "release-late"));
      repository.recordRelease(id, state, null);
    } catch (KlarnaException e) {
      repository.recordRelease(id, null, e);
    }
  }

  @Override
  public void check(String id) {
    Payment p = repository.find(id).orElse(null);
    if (p == null || p.status() != PaymentStatus.PENDING) {
      return;
    }
    try {
      if (p.authorizing()) {
        repository.note(id, Kind.JANITOR, "Resuming the unanswered authorize", null);
        authorize(id);
      } else if (p.finalizable()) {
        finalizeIfDue(id);
      } else if (p.cancelRequestedAt != null && p.requestState() != PaymentRequestState.COMPLETED) {
        cancelAtKlarna(id, false);
      } else {
        refresh(id, "janitor read");
      }
    } catch (ApiProblem | KlarnaException e) {
      Payment now = repository.find(id).orElseThrow();
      if (now.status() == PaymentStatus.PENDING
          && now.requestState() != PaymentRequestState.COMPLETED
          && now.prExpiresAt != null
          && now.prExpiresAt.toInstant().plus(Payment.TOKEN_WINDOW).isBefore(clock.instant())) {
        repository.expire(id, "The Payment Request expired and Klarna could not be reached");
      } else if (now.status() == PaymentStatus.PENDING && e instanceof KlarnaException k) {
        repository.recordCallFailed(id, "Janitor check", k);
      }
    }
  }

  private Payment own(String merchantId, String paymentId) {
    return repository
        .find(paymentId)
        .filter(p -> merchantId == null || p.merchantId.equals(merchantId))
        .orElseThrow(() -> ApiProblem.notFound("Payment " + paymentId));
  }

  /** A stable key per payment and step: every retry of the step is the same call to Klarna. */
  static String idempotencyKey(Payment p, String step) {
    return UUID.nameUUIDFromBytes((p.id + ":" + step).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String call(JsonObject sent, JsonObject answer) {
    return Json.createObjectBuilder()
        .add("request", Redaction.redact(sent))
        .add("response", Redaction.redact(answer))
        .build()
        .toString();
  }

  private static JsonObject header(String tokenHeader, JsonObject body) {
    return Json.createObjectBuilder()
        .add("token_header", tokenHeader + ": " + Redaction.REDACTED)
        .add("body", body)
        .build();
  }

  private static JsonObject error(KlarnaException e) {
    var json = Json.createObjectBuilder().add("http_status", e.status());
    if (e.errorCode() != null) {
      json.add("error_code", e.errorCode());
    }
    if (e.getMessage() != null) {
      json.add("error_message", e.getMessage());
    }
    if (e.correlationId() != null) {
      json.add("correlation_id", e.correlationId());
    }
    var invalid = Json.createArrayBuilder();
    e.validationErrors()
        .forEach(
            i ->
                invalid.add(
                    Json.createObjectBuilder()
                        .add("parameter", i.parameter())
                        .add("reason", i.reason())));
    return json.add("validation_errors", invalid).build();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
