package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.FinalAuthorizationToken;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.PaymentMethod;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStateMachine;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineArg;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A payment: one aggregate root, one row, one lock (ADR 0012's exactly-once argument rests on the
 * lock). It keeps its identity, its status and the moves {@link PaymentStateMachine} allows, when
 * the janitor looks next, and its view. Each phase is a class of its own reached through it: the
 * {@link InitialAuthorize}, the {@link StepUp} (Klarna's Payment Request, the shopper's {@link
 * Approval}, the final authorization), the money after it ({@link #authorized()}, refused with 409
 * before), and a {@link LateTransaction} of an ended payment. What a decision produced (timeline
 * lines, partner events, operations) collects in its {@link Changes}; {@link PaymentRepository}
 * stores them in the transaction of the change. Only the payment and its embedded values write its
 * fields, so EclipseLink's change tracking sees every change.
 */
@Entity
@Table(name = "payment")
class Payment {

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
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the partner asked for: fixed once the payment starts. */
  record Order(
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
      CaptureMode captureMode) {}

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

  /** A transaction Klarna approved after the payment had ended; voided by the janitor. */
  @Embedded private LateTransaction late;

  /** What open disputes hold, and what lost disputes took (minor units); kept by the disputes. */
  @Column(name = "disputed_amount", nullable = false)
  private long disputedAmount;

  @Column(name = "lost_amount", nullable = false)
  private long lostAmount;

  @Column(name = "cancel_requested_at")
  private Instant cancelRequestedAt;

  /**
   * The partner's Idempotency-Key of the request that asked for the cancel, if it had one: a retry
   * under it answers that cancel (issue 33).
   */
  @Column(name = "cancel_key")
  private String cancelKey;

  @Column(name = "failure_reason")
  private String failureReason;

  @Column(name = "next_check_at")
  private Instant nextCheckAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  /** What the change under way produced, not yet stored; drained by the repository. */
  @Transient private final Changes changes = new Changes();

  protected Payment() {}

  /** A new, pending payment, as the partner asked for it; its authorize is due at once. */
  static Payment start(String id, Order order, Instant now, PaymentPolicy policy) {
    Payment p = new Payment();
    p.id = id;
    p.merchantId = order.merchantId();
    p.partnerAccountId = order.partnerAccountId();
    p.method = order.method();
    p.amount = order.money().amount();
    p.currency = order.money().currency();
    p.reference = order.reference();
    p.storeId = order.storeId();
    p.storeReference = order.storeReference();
    p.terminalId = order.terminalId();
    p.terminalReference = order.terminalReference();
    p.returnUrl = order.returnUrl();
    p.appReturnUrl = order.appReturnUrl();
    p.requestBody = order.requestBody();
    p.requestHash = order.requestHash();
    p.idempotencyKey = order.idempotencyKey();
    p.captureMode = order.captureMode();
    p.status = PaymentStatus.PENDING;
    // embedded values are written as they are: an empty approval still counts its attempts (0)
    p.request = new KlarnaRequest();
    p.approval = new Approval();
    p.settlement = new Settlement(); // its amounts are NOT NULL columns: written as zeros
    p.createdAt = now;
    p.updatedAt = p.createdAt;
    p.nextCheckAt = now.plus(policy.authorizeRetry());
    p.record(
        now,
        Kind.PARTNER,
        order.idempotencyKey() != null
            ? TimelineEvent.PARTNER_CREATED_WITH_KEY
            : TimelineEvent.PARTNER_CREATED,
        Redaction.redact(order.requestBody()));
    return p;
  }

  // -- the phases ---------------------------------------------------------------------------

  InitialAuthorize initialAuthorize() {
    return new InitialAuthorize(this);
  }

  StepUp stepUp() {
    return new StepUp(this);
  }

  /** The money after authorization; 409 for a payment that holds no authorized transaction. */
  AuthorizedPayment authorized() {
    return whenAuthorized()
        .orElseThrow(
            () ->
                new Conflict(
                    "The payment is "
                        + status.wire()
                        + "; only an authorized payment can be captured, refunded or released."));
  }

  /** The money after authorization, if the payment holds an authorized transaction. */
  Optional<AuthorizedPayment> whenAuthorized() {
    boolean holds =
        status == PaymentStatus.AUTHORIZED
            && transactionId != null
            && settlement != null
            && settlement.transactionState() != null;
    return holds ? Optional.of(new AuthorizedPayment(this, settlement)) : Optional.empty();
  }

  /** The late transaction, made when first needed. */
  LateTransaction late() {
    if (late == null) {
      late = new LateTransaction();
    }
    return late;
  }

  /** Klarna's answer to the void of the late transaction ({@link LateTransaction#recordVoid}). */
  boolean recordLateVoid(String klarnaState, KlarnaException e, Instant now, PaymentPolicy policy) {
    return late != null && late.recordVoid(this, klarnaState, e, now, policy);
  }

  /** Where a late transaction stands (null: none). */
  LateTransaction.Stage lateStage() {
    return late == null ? null : late.stage();
  }

  /** Klarna created the transaction (an APPROVED authorize, or one learned): AUTHORIZED. */
  void openTransaction(String klarnaTransactionId, KlarnaTransaction t, Instant now) {
    transactionId = klarnaTransactionId;
    settlement = Settlement.opened(t, now);
    authorized().openedWith(t, now);
  }

  // -- cancelling, failures, expiry ---------------------------------------------------------

  /** The partner or an operator asked to cancel; the Klarna call follows. */
  boolean requestCancel(Kind who, TimelineEvent event, Instant now, Object... args) {
    if (status != PaymentStatus.PENDING || cancelRequestedAt != null) {
      return false;
    }
    cancelRequestedAt = now;
    record(now, who, event, null, args);
    touch(now);
    return true;
  }

  /** Binds the partner's Idempotency-Key to the cancel its request just asked for. */
  void bindCancelKey(String key) {
    if (cancelRequestedAt != null && cancelKey == null) {
      cancelKey = key;
    }
  }

  /** Whether the partner's request with {@code key} asked for this payment's cancel. */
  boolean cancelAskedWith(String key) {
    return key != null && key.equals(cancelKey);
  }

  /** A Klarna call failed for now; the janitor tries again later. */
  void recordCallFailure(
      TimelineEvent failed, KlarnaException e, Instant now, PaymentPolicy policy) {
    record(now, Kind.KLARNA_CALL, failed, null, e.describe());
    checkAt(now.plus(policy.authorizeRetry()));
    touch(now);
  }

  /** A line in the timeline that changes nothing else. */
  void note(Kind kind, TimelineEvent event, Instant now, Object... args) {
    record(now, kind, event, null, args);
  }

  /** Ends a payment the janitor finds beyond hope (its request expired and Klarna is silent). */
  boolean expire(String why, Instant now) {
    if (status.isFinal()) {
      return false;
    }
    approval().drop();
    move(PaymentStatus.EXPIRED, why, now);
    touch(now);
    return true;
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

  /** An ended payment's late transaction is to be voided at Klarna. */
  boolean voidingLate() {
    return late != null && late.voiding();
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

  /**
   * Whether the transaction's state is in doubt after an auto-capture authorize: asked to capture
   * at once, yet Klarna's answer named no state and captured less than the amount. The caller reads
   * the transaction from Klarna.
   */
  boolean transactionUnclear() {
    return captureMode == CaptureMode.AUTOMATIC
        && authorizedAmount() > 0
        && KlarnaTransaction.AUTHORIZED.equals(settlement.transactionState())
        && settlement.captured() < amount;
  }

  /** What the transaction authorized (the payment's amount once authorized, else 0). */
  long authorizedAmount() {
    return status == PaymentStatus.AUTHORIZED && transactionId != null ? amount : 0;
  }

  /**
   * By our clock Klarna should have moved the transaction on while we still think it AUTHORIZED
   * (its authorization ran out) or EXPIRED (7 days later it is CLOSED or COMPLETED: finding F6).
   */
  boolean authorizationOverdue(Instant now) {
    return settlement != null && settlement.overdue(now);
  }

  /** When the janitor is next due to look at it (null: nothing due). */
  Instant nextCheckAt() {
    return nextCheckAt;
  }

  String id() {
    return id;
  }

  String transactionId() {
    return transactionId;
  }

  CaptureMode captureMode() {
    return captureMode;
  }

  String klarnaResult() {
    return klarnaResult;
  }

  Instant createdAt() {
    return createdAt;
  }

  int authorizeAttempts() {
    return authorizeAttempts;
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
    return updatedAt;
  }

  /** What the change under way produced, for the repository. */
  Changes changes() {
    return changes;
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
        createdAt,
        updatedAt,
        com.stepup.gateway.payments.CaptureMode.valueOf(captureMode.name()),
        (settlement == null ? PaymentView.Amounts.NONE : settlement.amounts(authorizedAmount()))
            .withDisputes(disputedAmount, lostAmount));
  }

  // -- the rules every change goes through; for the phases only ------------------------------

  void klarnaResult(String result) {
    klarnaResult = result;
  }

  void countAuthorizeAttempt() {
    authorizeAttempts++;
  }

  /** The janitor looks next at {@code when}. */
  void checkAt(Instant when) {
    nextCheckAt = when;
  }

  /** Stands for a request Klarna has not named yet; only ever read. */
  private static final KlarnaRequest NO_REQUEST = new KlarnaRequest();

  /**
   * The request, to read. An embedded value whose columns are all empty is read back as none; a
   * read must not put one in its place, or a plain list of such payments would write them.
   */
  KlarnaRequest readRequest() {
    return request != null ? request : NO_REQUEST;
  }

  /** The request, to change. */
  KlarnaRequest changingRequest() {
    if (request == null) {
      request = new KlarnaRequest();
    }
    return request;
  }

  Approval approval() {
    if (approval == null) {
      approval = new Approval();
    }
    return approval;
  }

  /** Moves to {@code to}; the timeline says so, with {@code why} when there is one. */
  void move(PaymentStatus to, String why, Instant now) {
    if (why == null) {
      move(to, null, TimelineEvent.MOVED, now, to.wire());
    } else {
      move(to, why, TimelineEvent.MOVED_BECAUSE, now, to.wire(), why);
    }
  }

  /** Moves to {@code to}, the timeline saying {@code event}; {@code why} is the failure reason. */
  void move(PaymentStatus to, String why, TimelineEvent event, Instant now, Object... args) {
    if (!PaymentStateMachine.canMove(status, to)) {
      throw new IllegalStateException("payment " + id + " cannot move " + status + " → " + to);
    }
    status = to;
    failureReason = why == null ? null : cut(why, 1000);
    nextCheckAt = null;
    record(now, Kind.STATE_CHANGE, event, null, args);
    if (to.isFinal()) {
      touch(now);
      changes.notice("payment." + to.wire(), null);
    }
  }

  /** When the janitor should next look at the payment. */
  void reschedule(Instant now, PaymentPolicy policy) {
    if (status.isFinal()) {
      nextCheckAt = null;
    } else if (finalizable()) {
      nextCheckAt = now;
    } else {
      nextCheckAt =
          policy
              .readSchedule()
              .next(now, readRequest().lastNews(createdAt), readRequest().expiry());
    }
  }

  /**
   * Adds a timeline line: what happened as a code, and its values ({@link TimelineArg}s as they
   * are, anything else as text).
   */
  void record(Instant now, Kind kind, TimelineEvent event, String detail, Object... args) {
    List<TimelineArg> values = new ArrayList<>();
    for (Object a : args) {
      values.add(a instanceof TimelineArg t ? t : TimelineArg.text(a));
    }
    changes.entry(
        new Changes.Entry(
            now,
            kind,
            event,
            List.copyOf(values),
            detail == null ? null : cut(detail, 300_000),
            status,
            readRequest().state()));
  }

  void touch(Instant now) {
    updatedAt = now;
  }

  /** An amount of this payment's currency, for the timeline. */
  TimelineArg amount(long minor) {
    return TimelineArg.amount(minor, currency);
  }

  private static String cut(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }
}
