package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.FinalAuthorizationToken;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaMoneyMove;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.PaymentMethod;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStateMachine;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.platform.Ids;
import com.stepup.gateway.platform.errors.Conflict;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * A payment: the partner's request, where Klarna's Payment Request stands, the final authorization,
 * and a late transaction to release. Every decision about how it reacts to Klarna is a method here
 * that checks {@link PaymentStateMachine} and records what it did as timeline {@link Entry}s (and
 * whether the payment reached its final status); {@link PaymentRepository} stores the payment and
 * those entries, and fires the events, in the transaction of the change. Nothing outside writes its
 * fields, so EclipseLink's change tracking sees every change.
 */
@Entity
@Table(name = "payment")
class Payment {

  private static final Logger LOG = Logger.getLogger(Payment.class.getName());

  /** Klarna's token is good for this long after the request is COMPLETED. */
  static final Duration TOKEN_WINDOW = Duration.ofMinutes(60);

  /** Klarna answers a repeat of a call with the same idempotency key for this long. */
  static final Duration KEY_MEMORY = Duration.ofHours(24);

  /** How a payment was taken. */
  enum Method {
    QR_CODE,
    HANDOVER
  }

  /** Whether the authorize that creates the transaction also captures it (KLARNA-API.md §10.2). */
  enum CaptureMode {
    AUTOMATIC,
    MANUAL;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A partner event this change produced ({@code payment.captured}, ...), with its operation. */
  record Notice(String type, MoneyOperation operation) {}

  /** One timeline line this change produced, with the payment's status and request state then. */
  record Entry(
      Instant at,
      Kind kind,
      String summary,
      String detail,
      PaymentStatus status,
      PaymentRequestState requestState) {}

  @Id private String id;

  @Column(name = "merchant_id", nullable = false)
  private String merchantId;

  @Column(name = "partner_account_id", nullable = false)
  private String partnerAccountId;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "request_hash", nullable = false)
  private String requestHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private PaymentStatus status;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Method method;

  private long amount;

  @Column(nullable = false)
  private String currency;

  @Column(nullable = false)
  private String reference;

  @Column(name = "store_id", nullable = false)
  private String storeId;

  @Column(name = "store_reference", nullable = false)
  private String storeReference;

  @Column(name = "terminal_id")
  private String terminalId;

  @Column(name = "terminal_reference")
  private String terminalReference;

  @Column(name = "return_url")
  private String returnUrl;

  @Column(name = "app_return_url")
  private String appReturnUrl;

  /** The partner's request as sent: what a resumed authorize is rebuilt from. */
  @Column(name = "request_body", nullable = false)
  private String requestBody;

  @Column(name = "authorize_attempts")
  private int authorizeAttempts;

  /** Klarna's answer to the initial authorize (APPROVED, DECLINED, STEP_UP_REQUIRED, ERROR). */
  @Column(name = "klarna_result")
  private String klarnaResult;

  @Embedded private KlarnaRequest request;

  @Embedded private Approval approval;

  @Column(name = "transaction_id")
  private String transactionId;

  @Enumerated(EnumType.STRING)
  @Column(name = "capture_mode", nullable = false)
  private CaptureMode captureMode;

  /** What the transaction captured, refunded and released, and where it stands at Klarna. */
  @Embedded private Settlement settlement;

  /** A transaction Klarna approved after the payment had ended; released by the janitor. */
  @Embedded private LateTransaction late;

  /** What open disputes hold, and what lost disputes took (minor units); kept by the disputes. */
  @Column(name = "disputed_amount", nullable = false)
  private long disputedAmount;

  @Column(name = "lost_amount", nullable = false)
  private long lostAmount;

  @Column(name = "cancel_requested_at")
  private OffsetDateTime cancelRequestedAt;

  @Column(name = "failure_reason")
  private String failureReason;

  @Column(name = "next_check_at")
  private OffsetDateTime nextCheckAt;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  @Version private long version;

  /** What this change recorded, not yet stored; drained by the repository. */
  @Transient private List<Entry> recorded = new ArrayList<>();

  /** The partner events this change produced, not yet written; drained by the repository. */
  @Transient private List<Notice> notices = new ArrayList<>();

  /** Operations this change began or Klarna made, not yet stored; drained by the repository. */
  @Transient private List<MoneyOperation> begun = new ArrayList<>();

  protected Payment() {}

  /** A new, pending payment, as the partner asked for it; its authorize is due at once. */
  static Payment start(
      String id,
      String merchantId,
      String partnerAccountId,
      Method method,
      Money money,
      String reference,
      String storeId,
      String storeReference,
      String terminalId,
      String terminalReference,
      String returnUrl,
      String appReturnUrl,
      String requestBody,
      String requestHash,
      String idempotencyKey,
      CaptureMode captureMode,
      Instant now,
      PaymentPolicy policy) {
    Payment p = new Payment();
    p.captureMode = captureMode;
    p.id = id;
    p.merchantId = merchantId;
    p.partnerAccountId = partnerAccountId;
    p.method = method;
    p.amount = money.amount();
    p.currency = money.currency();
    p.reference = reference;
    p.storeId = storeId;
    p.storeReference = storeReference;
    p.terminalId = terminalId;
    p.terminalReference = terminalReference;
    p.returnUrl = returnUrl;
    p.appReturnUrl = appReturnUrl;
    p.requestBody = requestBody;
    p.requestHash = requestHash;
    p.idempotencyKey = idempotencyKey;
    p.status = PaymentStatus.PENDING;
    // embedded values are written as they are: an empty approval still counts its attempts (0)
    p.request = new KlarnaRequest();
    p.approval = new Approval();
    p.settlement = new Settlement(); // its amounts are NOT NULL columns: written as zeros
    p.createdAt = at(now);
    p.updatedAt = p.createdAt;
    p.nextCheckAt = at(now.plus(policy.authorizeRetry()));
    p.record(
        now,
        Kind.PARTNER,
        "Partner created the payment" + (idempotencyKey != null ? " (Idempotency-Key set)" : ""),
        Redaction.redact(requestBody));
    return p;
  }

  // -- the initial authorize ----------------------------------------------------------------

  /**
   * Counts a (re)sent initial authorize; the next try is due after the retry time. Answers false,
   * and sends nothing, once Klarna may no longer remember the authorize's key: a repeat could then
   * be taken as a new payment (simulation finding F1). The payment ends EXPIRED, alarmed.
   */
  boolean beginAuthorize(Instant now, PaymentPolicy policy) {
    if (!authorizing()) {
      return false;
    }
    if (authorizeAttempts > 0 && !now.isBefore(createdAt.toInstant().plus(askAgainFor(policy)))) {
      giveUpAuthorize("its outcome stayed unknown until Klarna forgets its key", now);
      touch(now);
      return false;
    }
    authorizeAttempts++;
    nextCheckAt = at(now.plus(policy.authorizeRetry()));
    return true;
  }

  /** Stops asking Klarna about an authorize whose outcome stayed unknown: EXPIRED, alarmed. */
  private void giveUpAuthorize(String why, Instant now) {
    klarnaResult = "UNKNOWN";
    LOG.severe(
        () ->
            "ALARM the outcome of payment "
                + id
                + "'s authorize is unknown and Klarna is about to forget its key; check the"
                + " transaction reference "
                + id
                + " at Klarna");
    move(
        PaymentStatus.EXPIRED,
        "Klarna never answered the authorize definitely (" + why + "); needs a person",
        null,
        now);
  }

  /**
   * Klarna's answer to the initial authorize. Answers false (and records nothing) when the answer
   * is already known: another worker recorded the same, idempotent answer first.
   */
  boolean recordAuthorizeAnswer(
      AuthorizeResult result, String callDetail, Instant now, PaymentPolicy policy) {
    if (!authorizing()) {
      return false;
    }
    klarnaResult = result.result();
    record(now, Kind.KLARNA_CALL, "Klarna authorize: " + result.result(), callDetail);
    switch (result.result()) {
      case AuthorizeResult.APPROVED -> {
        move(PaymentStatus.AUTHORIZED, null, "Approved without a step-up", now);
        openTransaction(result, now);
      }
      case AuthorizeResult.DECLINED ->
          move(
              PaymentStatus.DECLINED,
              result.resultReason(),
              "Declined by Klarna" + reason(result.resultReason()),
              now);
      default -> {
        changingRequest().open(result.paymentRequest());
        applyKlarnaState(result.paymentRequest(), "authorize answer", false, now, policy);
      }
    }
    touch(now);
    return true;
  }

  /**
   * The initial authorize failed. Refused ({@link KlarnaException.Outcome#REFUSED}: nothing
   * happened): FAILED. Otherwise Klarna may have acted, or is still acting on the key (no answer, a
   * 5xx, a 429, a 409 in flight): the payment stays authorizing and the authorize is sent again
   * later with the same key, whose answer is what Klarna did; "unknown" is never "failed". Only
   * once Klarna's memory of the key is about to end ({@code policy.authorizeGiveUp()}, at most 23
   * hours) does it stop asking: a repeat after that could be taken as a new payment. It then ends
   * EXPIRED, never FAILED, alarmed for a person to check the reference at Klarna.
   */
  boolean recordAuthorizeFailure(
      KlarnaException e, String callDetail, Instant now, PaymentPolicy policy) {
    if (!authorizing()) {
      return false;
    }
    record(now, Kind.KLARNA_CALL, "Klarna authorize failed: " + e.describe(), callDetail);
    if (e.refused()) {
      klarnaResult = "ERROR";
      move(PaymentStatus.FAILED, "Klarna refused the authorize: " + e.describe(), null, now);
    } else if (!now.isBefore(createdAt.toInstant().plus(askAgainFor(policy)))) {
      giveUpAuthorize(e.describe(), now);
    } else {
      nextCheckAt = at(now.plus(policy.authorizeRetry()));
    }
    touch(now);
    return true;
  }

  /** How long an unanswered authorize is asked again: the policy's, within Klarna's key memory. */
  private static Duration askAgainFor(PaymentPolicy policy) {
    Duration limit = KEY_MEMORY.minusHours(1);
    return policy.authorizeGiveUp().compareTo(limit) < 0 ? policy.authorizeGiveUp() : limit;
  }

  // -- what Klarna says about its Payment Request -------------------------------------------

  /**
   * A signal that Klarna's request is in some state (webhook, read, cancel answer, return). It is
   * applied only if the state machine accepts it; a COMPLETED signal also brings the token. For a
   * {@code read} of our own that finds nothing new, nothing is recorded and only the next read is
   * scheduled. Answers whether anything was recorded.
   */
  boolean applyKlarnaState(
      KlarnaPaymentRequest pr, String source, boolean read, Instant now, PaymentPolicy policy) {
    if (!readRequest().isAbout(pr)) {
      return false; // about another request (or before Klarna named ours): not this payment's news
    }
    PaymentRequestState signal = PaymentRequestState.parse(pr.state());
    PaymentRequestState current = readRequest().state();
    if (!readRequest().accepts(status, signal, pr.updatedAt())) {
      boolean tokenLate =
          signal == PaymentRequestState.COMPLETED
              && current == signal
              && !approval().hasToken()
              && transactionId == null
              && status == PaymentStatus.PENDING
              && pr.token() != null;
      if (tokenLate) {
        takeToken(pr, now);
      }
      reschedule(now, policy);
      if (read && !tokenLate && signal == current) {
        return false;
      }
      record(
          now,
          Kind.KLARNA_SIGNAL,
          "Klarna request "
              + pr.state()
              + " from "
              + source
              + (signal == current ? ": already known" : ": ignored, the payment has moved on")
              + (tokenLate ? " (token taken)" : ""),
          null);
      touch(now);
      return true;
    }
    changingRequest().moveTo(signal, pr, now);
    if (signal == PaymentRequestState.COMPLETED) {
      takeToken(pr, now);
    }
    record(
        now,
        Kind.KLARNA_SIGNAL,
        "Klarna request " + signal + reason(pr.stateReason()) + " from " + source,
        null);
    PaymentStatus next = PaymentStateMachine.statusFor(signal);
    if (next != PaymentStatus.PENDING) {
      if (approval().hasToken() && approval().attempts() > 0 && late == null) {
        // a final authorization was sent and never answered: Klarna may hold a transaction;
        // the token stays, to ask again with the same key
        late = LateTransaction.asking(now);
      } else {
        approval().drop();
      }
      move(next, pr.stateReason(), null, now);
    }
    reschedule(now, policy);
    touch(now);
    return true;
  }

  private void takeToken(KlarnaPaymentRequest pr, Instant now) {
    if (pr.token() != null) {
      approval().take(pr.token(), pr.updatedAt() != null ? pr.updatedAt() : now);
    }
  }

  // -- the final authorization --------------------------------------------------------------

  /**
   * Takes the right to make the final authorization: only one worker holds it at a time, and a
   * holder that has not finished within {@code claimTimeout} (its server died) loses it.
   */
  boolean claimFinalization(Instant now, Duration claimTimeout) {
    if (!finalizable() || !approval().claim(now, claimTimeout)) {
      return false;
    }
    nextCheckAt = at(now.plus(claimTimeout));
    record(
        now,
        Kind.STATE_CHANGE,
        "Final authorization started (attempt " + approval().attempts() + ")",
        null);
    touch(now);
    return true;
  }

  /**
   * Klarna's answer to the final authorization. On a payment that has ended meanwhile, an approval
   * with a transaction it does not hold is a late approval: kept, alarmed, and to be released.
   */
  void recordFinalAnswer(AuthorizeResult result, String callDetail, Instant now) {
    record(now, Kind.KLARNA_CALL, "Klarna final authorize: " + result.result(), callDetail);
    approval().unclaim();
    if (status.isFinal()) {
      boolean approved =
          AuthorizeResult.APPROVED.equals(result.result())
              && result.transactionId() != null
              && !result.transactionId().equals(transactionId);
      if (approved && (late == null || late.asking())) {
        keepLateApproval(result.transactionId(), now);
      } else if (late != null && late.asking()) {
        approval().drop();
        late.nothingHeld();
        record(now, Kind.KLARNA_CALL, "Klarna holds nothing for the ended payment", null);
        touch(now);
      }
      return;
    }
    approval().drop();
    if (AuthorizeResult.APPROVED.equals(result.result())) {
      move(PaymentStatus.AUTHORIZED, null, "Final authorization approved", now);
      openTransaction(result, now);
    } else {
      move(
          PaymentStatus.DECLINED,
          result.resultReason(),
          "Final authorization declined" + reason(result.resultReason()),
          now);
    }
    touch(now);
  }

  /**
   * A transaction Klarna holds for this payment (its {@code payment_transaction_reference} is our
   * id) that the payment does not hold, learned from a webhook or a read (simulation finding F5). A
   * pending payment without a transaction takes it: Klarna approved, and the answer that said so
   * was lost or is still on its way. An ended payment, or one authorized with another transaction,
   * never will hold it: it is kept as a late approval, alarmed, and released at Klarna. Answers
   * whether anything changed.
   */
  boolean learnOwnTransaction(KlarnaTransaction t, String source, Instant now) {
    if (!wouldLearn(t)) {
      return false;
    }
    if (status == PaymentStatus.PENDING && transactionId == null) {
      if (klarnaResult == null) {
        klarnaResult = AuthorizeResult.APPROVED;
      }
      approval().drop();
      move(
          PaymentStatus.AUTHORIZED,
          null,
          "Klarna holds a transaction for it (" + source + "): its approval's answer was lost",
          now);
      openTransaction(t.id(), t, now);
      touch(now);
      return true;
    }
    if (late != null && !late.asking()) {
      LOG.severe(
          () ->
              "ALARM Klarna holds a further transaction "
                  + t.id()
                  + " for payment "
                  + id
                  + ", which is releasing another; needs a person");
      record(
          now,
          Kind.KLARNA_SIGNAL,
          "Klarna holds a further transaction " + t.id() + " for it (needs a person)",
          null);
      touch(now);
      return true;
    }
    keepLateApproval(t.id(), now);
    return true;
  }

  /**
   * A Payment Request Klarna made for this payment (its {@code payment_request_reference} is our
   * id) while the authorize's answer, which names it, never arrived (simulation finding F8, seed
   * 32014): taken as that answer would have been, so a shopper's approval is acted on at once
   * rather than when the janitor next asks again. {@code pr} is what Klarna answers a read of it.
   * Answers whether it was taken.
   */
  boolean adoptRequest(KlarnaPaymentRequest pr, String source, Instant now, PaymentPolicy policy) {
    if (!wouldAdopt(pr)) {
      return false;
    }
    klarnaResult = AuthorizeResult.STEP_UP_REQUIRED;
    record(
        now,
        Kind.KLARNA_SIGNAL,
        "Klarna's Payment Request taken from " + source + " (the authorize's answer was lost)",
        null);
    changingRequest().open(pr);
    applyKlarnaState(pr, source, false, now, policy);
    touch(now);
    return true;
  }

  /** Whether {@code pr} is a Payment Request of ours this payment waits to hear of. */
  boolean wouldAdopt(KlarnaPaymentRequest pr) {
    return authorizing()
        && pr.id() != null
        && id.equals(pr.reference())
        && readRequest().id() == null;
  }

  /**
   * Whether {@code t} is a transaction of ours this payment does not know ({@link
   * #learnOwnTransaction}).
   */
  boolean wouldLearn(KlarnaTransaction t) {
    return t.id() != null
        && !t.id().equals(transactionId)
        && (late == null || !t.id().equals(late.id()));
  }

  /** Klarna holds a transaction this ended payment never will: keep it, alarm, release it. */
  private void keepLateApproval(String transactionId, Instant now) {
    approval().drop();
    if (late != null && late.asking()) {
      late.approved(transactionId, now);
    } else {
      late = LateTransaction.releasing(transactionId, now);
    }
    LOG.severe(
        () ->
            "ALARM late approval: Klarna approved payment "
                + id
                + " after it was "
                + status.wire()
                + "; releasing its transaction at Klarna");
    record(
        now,
        Kind.STATE_CHANGE,
        "Late approval: Klarna approved after the payment was "
            + status.wire()
            + "; its transaction "
            + transactionId
            + " is being released at Klarna",
        null);
    touch(now);
  }

  /**
   * The final authorization failed. A refusal ends the payment FAILED. An unknown outcome (no
   * answer, a 5xx, a 429) or a call with this token still running (409) is asked again: Klarna's
   * final authorization is idempotent by its token ("repeated requests with the same token return
   * the same result", KLARNA-API.md §3), so asking again is safe even after Klarna has forgotten
   * the idempotency key, and an expired, unused token is refused then. Unknown is never failed
   * (simulation finding F2, ADR 0018).
   */
  void recordFinalFailure(KlarnaException e, String callDetail, Instant now, PaymentPolicy policy) {
    record(now, Kind.KLARNA_CALL, "Klarna final authorize failed: " + e.describe(), callDetail);
    approval().unclaim();
    boolean askAgain = e.outcome().askAgain();
    if (status.isFinal()) {
      if (late != null && late.asking()) {
        if (askAgain) {
          late.retryAt(now.plus(policy.authorizeRetry()));
        } else {
          approval().drop();
          late.nothingHeld();
          record(now, Kind.KLARNA_CALL, "Klarna holds nothing for the ended payment", null);
        }
        touch(now);
      }
      return;
    }
    if (!askAgain) {
      approval().drop();
      move(
          PaymentStatus.FAILED,
          "Klarna refused the final authorization: " + e.describe(),
          null,
          now);
    } else {
      if (approval().keyForgotten(now)) {
        LOG.warning(
            () ->
                "Payment "
                    + id
                    + "'s final authorization is still unanswered a day after the shopper"
                    + " approved; asking Klarna again with the token");
      }
      nextCheckAt = at(now.plus(policy.authorizeRetry()));
    }
    touch(now);
  }

  /** Klarna's answer to the release of a late transaction: released, later again, or refused. */
  boolean recordRelease(String klarnaState, KlarnaException e, Instant now, PaymentPolicy policy) {
    if (!releasing()) {
      return false;
    }
    if (e == null) {
      late.released();
      record(now, Kind.KLARNA_CALL, "Late transaction released at Klarna: " + klarnaState, null);
    } else if (e.outcome().askAgain()) {
      late.retryAt(now.plus(policy.authorizeRetry()));
      record(now, Kind.KLARNA_CALL, "Releasing the late transaction failed: " + e.describe(), null);
    } else {
      late.refused();
      LOG.severe(
          () ->
              "ALARM Klarna refused to release the late transaction of payment "
                  + id
                  + ": "
                  + e.describe());
      record(
          now,
          Kind.KLARNA_CALL,
          "Klarna refused to release the late transaction: " + e.describe() + " (needs a person)",
          null);
    }
    touch(now);
    return true;
  }

  // -- cancelling, failures, expiry ---------------------------------------------------------

  /** The partner or an operator asked to cancel; the Klarna call follows. */
  boolean requestCancel(Kind who, String summary, Instant now) {
    if (status != PaymentStatus.PENDING || cancelRequestedAt != null) {
      return false;
    }
    cancelRequestedAt = at(now);
    record(now, who, summary, null);
    touch(now);
    return true;
  }

  /** A Klarna call failed for now; the janitor tries again later. */
  void recordCallFailure(String what, KlarnaException e, Instant now, PaymentPolicy policy) {
    record(now, Kind.KLARNA_CALL, what + " failed: " + e.describe(), null);
    nextCheckAt = at(now.plus(policy.authorizeRetry()));
    touch(now);
  }

  /** A line in the timeline that changes nothing else. */
  void note(Kind kind, String summary, String detail, Instant now) {
    record(now, kind, summary, detail);
  }

  /** Ends a payment the janitor finds beyond hope (its request expired and Klarna is silent). */
  boolean expire(String why, Instant now) {
    if (status.isFinal()) {
      return false;
    }
    approval().drop();
    move(PaymentStatus.EXPIRED, why, null, now);
    touch(now);
    return true;
  }

  // -- after authorization: capture, refund, release ------------------------------------------

  /**
   * The transaction an APPROVED authorize created: its state and expiry, and the captures Klarna
   * made in it (an auto-capture), recorded as succeeded operations. Klarna's answer need not name
   * the state (its documented sample does not): captures that cover the whole amount mean
   * COMPLETED; otherwise it is AUTHORIZED, and an auto-capture answer with less than the amount
   * captured is read from Klarna ({@link #transactionUnclear()}).
   */
  private void openTransaction(AuthorizeResult result, Instant now) {
    openTransaction(result.transactionId(), result.transaction(), now);
  }

  private void openTransaction(String klarnaTransactionId, KlarnaTransaction t, Instant now) {
    transactionId = klarnaTransactionId;
    settlement = Settlement.opened(t, now);
    long capturedAtOnce = 0;
    for (KlarnaTransaction.Capture c :
        t == null ? List.<KlarnaTransaction.Capture>of() : t.captures()) {
      capturedAtOnce += c.amount();
      MoneyOperation op =
          MoneyOperation.made(
              Ids.next("cap"), id, MoneyOperation.Kind.CAPTURE, c.amount(), c.id(), now);
      settlement.captured(0, c.amount());
      begun.add(op);
      notices.add(new Notice("payment.captured", op));
      record(
          now, Kind.KLARNA_CALL, "Captured " + shown(c.amount()) + " with the authorization", null);
    }
    if ((t == null || t.state() == null) && capturedAtOnce > 0 && capturedAtOnce >= amount) {
      settlement.learn(KlarnaTransaction.COMPLETED, null, null);
    }
  }

  /**
   * Whether the transaction's state is in doubt after an auto-capture authorize: asked to capture
   * at once, yet Klarna's answer named no state and captured less than the amount. The caller reads
   * the transaction from Klarna.
   */
  boolean transactionUnclear() {
    return captureMode == CaptureMode.AUTOMATIC
        && authorized() > 0
        && KlarnaTransaction.AUTHORIZED.equals(settled().transactionState())
        && settled().captured() < amount;
  }

  /** What the transaction authorized (the payment's amount once authorized, else 0). */
  long authorized() {
    return status == PaymentStatus.AUTHORIZED && transactionId != null ? amount : 0;
  }

  /**
   * Records a capture about to be sent, holding its amount ({@code null}: all that is capturable).
   * 409 when the payment is not authorized or the amount is more than can be captured.
   */
  MoneyOperation beginCapture(
      Long requested, String klarnaBody, Kind by, String who, Instant now, Duration inFlight) {
    requireAuthorized("captured");
    long held = settled().holdCapture(requested, authorized());
    return begin(MoneyOperation.Kind.CAPTURE, held, null, null, klarnaBody, by, who, now, inFlight);
  }

  /**
   * Records a refund about to be sent, holding its amount: of {@code capture} (one of this
   * payment's succeeded captures, {@code refundedOfCapture} of it refunded or on its way) when set.
   */
  MoneyOperation beginRefund(
      Long requested,
      MoneyOperation capture,
      long refundedOfCapture,
      String reason,
      String klarnaBody,
      Kind by,
      String who,
      Instant now,
      Duration inFlight) {
    requireAuthorized("refunded");
    long held =
        settled()
            .holdRefund(requested, capture == null ? null : capture.amount() - refundedOfCapture);
    return begin(
        MoneyOperation.Kind.REFUND,
        held,
        capture == null ? null : capture.id(),
        reason,
        klarnaBody,
        by,
        who,
        now,
        inFlight);
  }

  /** Records a release (void) about to be sent: all that is authorized and not captured. */
  MoneyOperation beginRelease(Kind by, String who, Instant now, Duration inFlight) {
    requireAuthorized("released");
    long held = settled().holdRelease(authorized());
    return begin(MoneyOperation.Kind.RELEASE, held, null, null, null, by, who, now, inFlight);
  }

  private MoneyOperation begin(
      MoneyOperation.Kind kind,
      long held,
      String captureId,
      String reason,
      String klarnaBody,
      Kind by,
      String who,
      Instant now,
      Duration inFlight) {
    MoneyOperation op =
        MoneyOperation.begin(
            Ids.next(kind.prefix), id, kind, held, captureId, reason, klarnaBody, now, inFlight);
    begun.add(op);
    record(
        now,
        by,
        switch (kind) {
              case CAPTURE -> "Capture of " + shown(held);
              case REFUND ->
                  "Refund of " + shown(held) + (captureId != null ? " of " + captureId : "");
              case RELEASE -> "Release of the uncaptured " + shown(held);
            }
            + " requested by "
            + who
            + " ("
            + op.id()
            + ")",
        klarnaBody);
    touch(now);
    return op;
  }

  /** Klarna captured or refunded: the amount moves from held to done, and the partner is told. */
  void recordMoved(MoneyOperation op, KlarnaMoneyMove answer, String detail, Instant now) {
    if (!op.pending()) {
      return; // answered already (a retry's repeat of Klarna's first answer)
    }
    long moved = answer.amount() > 0 ? answer.amount() : op.amount();
    op.succeeded(answer.id(), moved, now);
    if (op.kind() == MoneyOperation.Kind.CAPTURE) {
      settled().captured(op.amount(), moved);
      if (answer.transactionState() != null) {
        settled().learn(answer.transactionState(), null, null);
      } else if (settled().captured() + settled().released() >= authorized()) {
        settled().learn(KlarnaTransaction.COMPLETED, null, null);
      }
    } else {
      settled().refunded(op.amount(), moved);
    }
    String verb = op.kind() == MoneyOperation.Kind.CAPTURE ? "captured" : "refunded";
    record(
        now,
        Kind.KLARNA_CALL,
        "Klarna " + verb + " " + shown(moved) + " (" + op.id() + ")",
        detail);
    notices.add(new Notice("payment." + verb, op));
    touch(now);
  }

  /** Klarna released (voided) what was not captured. */
  void recordReleased(MoneyOperation op, KlarnaTransaction t, String detail, Instant now) {
    if (!op.pending()) {
      return;
    }
    op.succeeded(null, op.amount(), now);
    settled().released(op.amount());
    settled()
        .learn(
            t.state() != null
                ? t.state()
                : settled().captured() > 0 ? KlarnaTransaction.COMPLETED : KlarnaTransaction.CLOSED,
            t.expiresAt(),
            t.updatedAt());
    record(
        now,
        Kind.KLARNA_CALL,
        "Klarna released "
            + shown(op.amount())
            + "; its transaction is "
            + settled().transactionState(),
        detail);
    notices.add(new Notice("payment.released", op));
    touch(now);
  }

  /** Klarna refused the operation: it failed, and what it held is free again. */
  void recordMoveRefused(MoneyOperation op, KlarnaException e, String detail, Instant now) {
    if (!op.pending()) {
      return;
    }
    op.failed("Klarna refused: " + e.describe(), now);
    settled().unhold(op.kind(), op.amount());
    record(
        now,
        Kind.KLARNA_CALL,
        "Klarna refused the "
            + op.kind().name().toLowerCase(java.util.Locale.ROOT)
            + " ("
            + op.id()
            + "): "
            + e.describe(),
        detail);
    touch(now);
  }

  /**
   * No answer, or a 5xx: the operation's outcome is unknown, so it keeps its hold and is sent again
   * with the same key; once Klarna has forgotten the key (24 hours) a repeat could move money
   * twice, so it stops, still holding, for a person to look at.
   */
  void recordMoveUnanswered(
      MoneyOperation op, KlarnaException e, String detail, Instant now, PaymentPolicy policy) {
    if (!op.pending()) {
      return;
    }
    String what = op.kind().name().toLowerCase(java.util.Locale.ROOT);
    op.retryAt(e.describe(), now.plus(policy.authorizeRetry()), now);
    record(
        now,
        Kind.KLARNA_CALL,
        "Klarna "
            + what
            + " ("
            + op.id()
            + ") not answered: "
            + e.describe()
            + "; sent again later",
        detail);
    touch(now);
  }

  /**
   * Whether a pending operation may no longer be sent again: Klarna may have forgotten its key by
   * the time a repeat arrives, and would then move the money a second time (simulation finding F3).
   * What Klarna holds is read instead ({@link #recordMoveFromRead}).
   */
  static boolean keyMayBeForgotten(MoneyOperation op, Instant now, PaymentPolicy policy) {
    return !op.createdAt().plus(KEY_MEMORY).isAfter(now.plus(policy.authorizeRetry()));
  }

  /**
   * A pending operation whose key Klarna may have forgotten, settled by a read of the transaction
   * instead of a repeat: a release is done if the transaction is no longer voidable; a capture or
   * refund ends, its hold freed, and the read brings the amounts in line (a capture or refund
   * Klarna holds that the gateway has no record of is recorded as made at Klarna). Nothing stays
   * held without a pending operation (finding F4).
   */
  void recordMoveFromRead(MoneyOperation op, KlarnaTransaction t, Instant now) {
    if (!op.pending()) {
      return;
    }
    String what = op.kind().name().toLowerCase(java.util.Locale.ROOT);
    LOG.warning(
        () ->
            "The "
                + what
                + " "
                + op.id()
                + " of payment "
                + id
                + " stayed unanswered for a day; settled from Klarna's transaction instead of sent"
                + " again");
    boolean voided =
        !KlarnaTransaction.AUTHORIZED.equals(t.state())
            && !KlarnaTransaction.EXPIRED.equals(t.state());
    if (op.kind() == MoneyOperation.Kind.RELEASE && voided) {
      recordReleased(op, t, null, now);
      return;
    }
    op.failed(
        "Unanswered for a day: not sent again (Klarna may have forgotten its key); Klarna's"
            + " transaction read instead",
        now);
    settled().unhold(op.kind(), op.amount());
    record(
        now,
        Kind.KLARNA_CALL,
        "The " + what + " (" + op.id() + ") stayed unanswered; Klarna's transaction read instead",
        null);
    touch(now);
  }

  /**
   * What Klarna says of the transaction (a webhook, a read): its state moves only forward, its
   * expiry follows; an authorization that ran out with something uncaptured tells the partner once.
   * Answers whether anything changed.
   */
  boolean learnTransaction(KlarnaTransaction t, String source, Instant now) {
    if (transactionId == null
        || !transactionId.equals(t.id())
        || settlement == null
        || settlement.transactionState() == null) {
      return false;
    }
    String before = settled().transactionState();
    boolean changed = settled().learn(t.state(), t.expiresAt(), t.updatedAt());
    if (changed) {
      record(
          now,
          Kind.KLARNA_SIGNAL,
          "Klarna transaction "
              + settled().transactionState()
              + (before.equals(settled().transactionState())
                  ? " (expiry " + t.expiresAt() + ")"
                  : "")
              + " from "
              + source,
          null);
    }
    long expired = settled().noticeExpiry(authorized());
    if (expired > 0) {
      LOG.warning(
          () -> "Payment " + id + ": the authorization expired with " + expired + " uncaptured");
      record(
          now,
          Kind.STATE_CHANGE,
          "The authorization expired with " + shown(expired) + " uncaptured",
          null);
      notices.add(new Notice("payment.authorization_expired", null));
      changed = true;
    }
    if (changed) {
      touch(now);
    }
    return changed;
  }

  /**
   * The captures and refunds Klarna lists that this payment has no operation for (someone made them
   * in Klarna's portal, or an agent did): each is recorded as made at Klarna, the amounts follow,
   * and the partner is told ({@code payment.captured}, {@code payment.refunded}). {@code known} are
   * the payment's operations. A move of the kind and amount of one of the gateway's own operations
   * still on its way is left alone: it may be that operation's unanswered answer, and counting it
   * twice would be worse than learning it at the next event or read. Any other is learned now,
   * pending operations or not (simulation finding F9, seed 47453: a capture Klarna made for an
   * operation settled from a read went unlearned for good while another capture was pending).
   * Answers whether anything changed.
   */
  boolean learnMoves(KlarnaTransaction t, List<MoneyOperation> known, String source, Instant now) {
    if (transactionId == null
        || !transactionId.equals(t.id())
        || settlement == null
        || settlement.transactionState() == null
        || (t.captures().isEmpty() && t.refunds().isEmpty())) {
      return false;
    }
    java.util.Map<String, String> byKlarnaId = new java.util.HashMap<>();
    for (MoneyOperation op : known) {
      if (op.klarnaId() != null) {
        byKlarnaId.put(op.klarnaId(), op.id());
      }
    }
    boolean changed = false;
    for (KlarnaTransaction.Capture c : t.captures()) {
      if (c.amount() <= 0
          || byKlarnaId.containsKey(c.id())
          || mayBePending(known, MoneyOperation.Kind.CAPTURE, c.amount())) {
        continue;
      }
      MoneyOperation op =
          MoneyOperation.madeAtKlarna(
              Ids.next("cap"), id, MoneyOperation.Kind.CAPTURE, c.amount(), c.id(), null, now);
      byKlarnaId.put(c.id(), op.id());
      settled().captured(0, c.amount());
      madeAtKlarna(op, "captured", source, now);
      changed = true;
    }
    for (KlarnaTransaction.Refund r : t.refunds()) {
      if (r.amount() <= 0
          || byKlarnaId.containsKey(r.id())
          || mayBePending(known, MoneyOperation.Kind.REFUND, r.amount())) {
        continue;
      }
      MoneyOperation op =
          MoneyOperation.madeAtKlarna(
              Ids.next("ref"),
              id,
              MoneyOperation.Kind.REFUND,
              r.amount(),
              r.id(),
              r.captureId() == null ? null : byKlarnaId.get(r.captureId()),
              now);
      byKlarnaId.put(r.id(), op.id());
      settled().refunded(0, r.amount());
      madeAtKlarna(op, "refunded", source, now);
      changed = true;
    }
    if (changed && settled().captured() + settled().released() >= authorized()) {
      settled().learn(KlarnaTransaction.COMPLETED, null, null);
    }
    if (changed) {
      touch(now);
    }
    return changed;
  }

  /** Whether a pending operation of ours could be the move Klarna lists: same kind and amount. */
  private static boolean mayBePending(
      List<MoneyOperation> known, MoneyOperation.Kind kind, long amount) {
    return known.stream().anyMatch(o -> o.pending() && o.kind() == kind && o.amount() == amount);
  }

  private void madeAtKlarna(MoneyOperation op, String verb, String source, Instant now) {
    begun.add(op);
    notices.add(new Notice("payment." + verb, op));
    record(
        now,
        Kind.KLARNA_SIGNAL,
        "Klarna "
            + verb
            + " "
            + shown(op.amount())
            + " made at Klarna, not through the gateway ("
            + op.id()
            + ", from "
            + source
            + ")",
        null);
  }

  /**
   * By our clock Klarna should have moved the transaction on while we still think it AUTHORIZED
   * (its authorization ran out) or EXPIRED (7 days later it is CLOSED or COMPLETED: finding F6).
   */
  boolean authorizationOverdue(Instant now) {
    return settlement != null && settled().overdue(now);
  }

  /** A read found the overdue transaction not yet moved on: the next read waits a while. */
  void readTransactionAgainLater(Instant now) {
    if (settlement != null) {
      settled().readAnswered(now);
    }
  }

  private void requireAuthorized(String what) {
    if (status != PaymentStatus.AUTHORIZED
        || transactionId == null
        || settlement == null
        || settlement.transactionState() == null) {
      throw new Conflict(
          "The payment is " + status.wire() + "; only an authorized payment can be " + what + ".");
    }
  }

  private Settlement settled() {
    return settlement;
  }

  String transactionId() {
    return transactionId;
  }

  CaptureMode captureMode() {
    return captureMode;
  }

  // -- questions ----------------------------------------------------------------------------

  /** The initial authorize was sent but its answer never arrived. */
  boolean authorizing() {
    return status == PaymentStatus.PENDING && klarnaResult == null;
  }

  /** COMPLETED with a token in hand: the final authorization is due. */
  boolean finalizable() {
    return status == PaymentStatus.PENDING
        && readRequest().state() == PaymentRequestState.COMPLETED
        && approval().hasToken();
  }

  /** A final authorization is running (claimed, not answered). */
  boolean finalizing() {
    return approval().claimed();
  }

  boolean cancelRequested() {
    return cancelRequestedAt != null;
  }

  boolean releasing() {
    return late != null && late.releasing();
  }

  /** An ended payment whose final authorization was never answered: Klarna is asked again. */
  boolean askingKlarna() {
    return late != null && late.asking() && approval().hasToken();
  }

  /**
   * The janitor may give up on Klarna for this payment: its request expired beyond the token's
   * window and the shopper has not approved (an approved one is never ended for a silent Klarna).
   */
  boolean beyondHope(Instant now) {
    return status == PaymentStatus.PENDING
        && readRequest().state() != PaymentRequestState.COMPLETED
        && readRequest().expiredLongAgo(now, TOKEN_WINDOW);
  }

  Instant tokenExpiresAt() {
    return approval().tokenExpiresAt();
  }

  FinalAuthorizationToken finalToken() {
    return approval().token();
  }

  /** When the janitor is next due to look at it (null: nothing due). */
  Instant nextCheckAt() {
    return nextCheckAt == null ? null : nextCheckAt.toInstant();
  }

  String id() {
    return id;
  }

  String merchantId() {
    return merchantId;
  }

  String partnerAccountId() {
    return partnerAccountId;
  }

  String requestHash() {
    return requestHash;
  }

  String requestBody() {
    return requestBody;
  }

  Method method() {
    return method;
  }

  Money money() {
    return new Money(amount, currency);
  }

  String storeId() {
    return storeId;
  }

  String terminalReference() {
    return terminalReference;
  }

  String appReturnUrl() {
    return appReturnUrl;
  }

  String paymentRequestId() {
    return readRequest().id();
  }

  String lateTransactionId() {
    return late == null ? null : late.id();
  }

  PaymentStatus status() {
    return status;
  }

  PaymentRequestState requestState() {
    return readRequest().state();
  }

  Instant updatedAt() {
    return updatedAt.toInstant();
  }

  // -- what the change produced, for the repository ------------------------------------------

  /** The entries recorded since the last call, and forgets them. */
  List<Entry> drainRecorded() {
    List<Entry> out = List.copyOf(recorded);
    recorded.clear();
    return out;
  }

  /** The partner events since the last call, and forgets them. */
  List<Notice> drainNotices() {
    List<Notice> out = List.copyOf(notices);
    notices.clear();
    return out;
  }

  /** The operations begun (or made by Klarna) since the last call, and forgets them. */
  List<MoneyOperation> drainBegun() {
    List<MoneyOperation> out = List.copyOf(begun);
    begun.clear();
    return out;
  }

  PaymentView view() {
    KlarnaRequest r = readRequest();
    return new PaymentView(
        id,
        merchantId,
        status,
        PaymentMethod.valueOf(method.name()),
        amount,
        currency,
        reference,
        storeId,
        storeReference,
        terminalId,
        terminalReference,
        returnUrl,
        new PaymentView.Klarna(
            klarnaResult,
            r.id(),
            r.state(),
            r.stateReason(),
            r.qrImageUrl(),
            r.qrTargetUrl(),
            r.paymentRequestUrl(),
            r.expiresAt(),
            tokenExpiresAt(),
            transactionId,
            settlement == null ? null : settlement.transactionState(),
            settlement == null ? null : settlement.authorizationExpiresAt()),
        failureReason,
        createdAt.toInstant(),
        updatedAt.toInstant(),
        com.stepup.gateway.payments.CaptureMode.valueOf(captureMode.name()),
        (settlement == null ? PaymentView.Amounts.NONE : settlement.amounts(authorized()))
            .withDisputes(disputedAmount, lostAmount));
  }

  // -- the rules every change goes through ---------------------------------------------------

  /** Stands for a request Klarna has not named yet; only ever read. */
  private static final KlarnaRequest NO_REQUEST = new KlarnaRequest();

  /**
   * The request, to read. An embedded value whose columns are all empty is read back as none; a
   * read must not put one in its place, or a plain list of such payments would write them.
   */
  private KlarnaRequest readRequest() {
    return request != null ? request : NO_REQUEST;
  }

  /** The request, to change. */
  private KlarnaRequest changingRequest() {
    if (request == null) {
      request = new KlarnaRequest();
    }
    return request;
  }

  private Approval approval() {
    if (approval == null) {
      approval = new Approval();
    }
    return approval;
  }

  private void move(PaymentStatus to, String why, String summary, Instant now) {
    if (!PaymentStateMachine.canMove(status, to)) {
      throw new IllegalStateException("payment " + id + " cannot move " + status + " → " + to);
    }
    status = to;
    failureReason = why == null ? null : cut(why, 1000);
    nextCheckAt = null;
    record(
        now,
        Kind.STATE_CHANGE,
        "Payment " + to.wire() + (summary != null ? ": " + summary : reason(why)),
        null);
    if (to.isFinal()) {
      touch(now);
      notices.add(new Notice("payment." + to.wire(), null));
    }
  }

  /** When the janitor should next look at the payment. */
  private void reschedule(Instant now, PaymentPolicy policy) {
    if (status.isFinal()) {
      nextCheckAt = null;
    } else if (finalizable()) {
      nextCheckAt = at(now);
    } else {
      nextCheckAt =
          at(
              policy
                  .readSchedule()
                  .next(
                      now, readRequest().lastNews(createdAt.toInstant()), readRequest().expiry()));
    }
  }

  private void record(Instant now, Kind kind, String summary, String detail) {
    recorded.add(
        new Entry(
            now,
            kind,
            summary,
            detail == null ? null : cut(detail, 300_000),
            status,
            readRequest().state()));
  }

  private void touch(Instant now) {
    updatedAt = at(now);
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** An amount of this payment's currency, as people read it: "$40.00", "¥5,000". */
  private String shown(long minor) {
    return com.stepup.gateway.platform.Amounts.format(minor, currency);
  }

  private static String reason(String reason) {
    return reason == null ? "" : " (" + reason + ")";
  }

  private static String cut(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }
}
