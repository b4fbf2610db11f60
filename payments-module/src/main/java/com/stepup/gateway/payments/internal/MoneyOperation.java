package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.platform.errors.InvalidInput;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One capture, refund or release of a payment, recorded (PENDING, its amount held by the payment's
 * {@link Settlement}) before Klarna is called, and answered SUCCEEDED or FAILED. Its id is the
 * {@code Klarna-Idempotency-Key} of every call for it, so a retry (by the caller, or by the janitor
 * after a crash) gets Klarna's first answer and never moves money twice. Changed only under its
 * payment's row lock.
 */
@Entity
@Table(name = "payment_operation")
class MoneyOperation {

  enum Kind {
    CAPTURE("cap"),
    REFUND("ref"),
    RELEASE("rel");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** Whether a transaction in Klarna's {@code state} refuses this kind of operation. */
    boolean forbiddenIn(String state) {
      return switch (this) {
        case CAPTURE -> !KlarnaTransaction.AUTHORIZED.equals(state);
        case REFUND -> KlarnaTransaction.CLOSED.equals(state);
        case RELEASE ->
            !KlarnaTransaction.AUTHORIZED.equals(state) && !KlarnaTransaction.EXPIRED.equals(state);
      };
    }
  }

  /** The succeeded capture {@code captureId} among a payment's {@code operations}; 400 if none. */
  static MoneyOperation succeededCapture(List<MoneyOperation> operations, String captureId) {
    return operations.stream()
        .filter(o -> o.id().equals(captureId) && o.kind() == Kind.CAPTURE && o.succeeded())
        .findFirst()
        .orElseThrow(
            () -> new InvalidInput("capture_id", "is not a succeeded capture of this payment"));
  }

  /** What is refunded of {@code captureId}, or on its way to be. */
  static long refundedOf(List<MoneyOperation> operations, String captureId) {
    return operations.stream()
        .filter(
            o ->
                o.kind() == Kind.REFUND
                    && captureId.equals(o.captureId())
                    && (o.pending() || o.succeeded()))
        .mapToLong(MoneyOperation::amount)
        .sum();
  }

  enum Status {
    PENDING,
    SUCCEEDED,
    FAILED
  }

  @Id private String id;

  @Column(name = "payment_id", nullable = false)
  private String paymentId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Kind kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  /** What it moves (a release: what it frees); held by the payment while PENDING. */
  private long amount;

  /** For a refund of one capture: that capture's id. */
  @Column(name = "capture_id")
  private String captureId;

  private String reason;

  /** The body sent to Klarna, the same on every retry. */
  @Column(name = "klarna_body")
  private String klarnaBody;

  @Column(name = "klarna_id")
  private String klarnaId;

  /** Made outside the gateway (Klarna's portal, an agent) and learned from Klarna. */
  @Column(name = "made_at_klarna", nullable = false)
  private boolean madeAtKlarna;

  private int attempts;

  private String failure;

  @Column(name = "next_try_at")
  private Instant nextTryAt;

  /** The partner's Idempotency-Key of the request that started it, if it had one. */
  @Column(name = "partner_key")
  private String partnerKey;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected MoneyOperation() {}

  /**
   * A new operation, PENDING; the janitor may send it again after {@code inFlight} if its first
   * sender never recorded an answer (it died).
   */
  static MoneyOperation begin(
      String id,
      String paymentId,
      Kind kind,
      long amount,
      String captureId,
      String reason,
      String klarnaBody,
      Instant now,
      Duration inFlight) {
    MoneyOperation op = new MoneyOperation();
    op.id = id;
    op.paymentId = paymentId;
    op.kind = kind;
    op.status = Status.PENDING;
    op.amount = amount;
    op.captureId = captureId;
    op.reason = reason;
    op.klarnaBody = klarnaBody;
    op.attempts = 1;
    op.createdAt = now;
    op.updatedAt = op.createdAt;
    op.nextTryAt = now.plus(inFlight);
    return op;
  }

  /** A capture Klarna made by itself (an auto-capture in the authorize): SUCCEEDED at once. */
  static MoneyOperation made(
      String id, String paymentId, Kind kind, long amount, String klarnaId, Instant now) {
    MoneyOperation op = begin(id, paymentId, kind, amount, null, null, null, now, Duration.ZERO);
    op.succeeded(klarnaId, amount, now);
    return op;
  }

  /**
   * A capture or refund someone made at Klarna, not through the gateway, learned from a webhook or
   * a read: SUCCEEDED, and marked as made at Klarna. {@code captureId}: for a refund of one
   * capture, that capture's operation id (null when Klarna named none, or one the gateway does not
   * know).
   */
  static MoneyOperation madeAtKlarna(
      String id,
      String paymentId,
      Kind kind,
      long amount,
      String klarnaId,
      String captureId,
      Instant now) {
    MoneyOperation op =
        begin(id, paymentId, kind, amount, captureId, null, null, now, Duration.ZERO);
    op.madeAtKlarna = true;
    op.succeeded(klarnaId, amount, now);
    return op;
  }

  boolean madeAtKlarna() {
    return madeAtKlarna;
  }

  void succeeded(String klarnaId, long moved, Instant now) {
    status = Status.SUCCEEDED;
    this.klarnaId = klarnaId;
    if (moved > 0) {
      amount = moved;
    }
    failure = null;
    nextTryAt = null;
    updatedAt = now;
  }

  void failed(String why, Instant now) {
    status = Status.FAILED;
    failure = why.length() > 1000 ? why.substring(0, 1000) : why;
    nextTryAt = null;
    updatedAt = now;
  }

  /** No answer (or a 5xx) yet: sent again at {@code next}, with the same key. */
  void retryAt(String why, Instant next, Instant now) {
    failure = why.length() > 1000 ? why.substring(0, 1000) : why;
    nextTryAt = next;
    updatedAt = now;
  }

  /** Another attempt is starting (the janitor's); it is given {@code inFlight} to answer. */
  void attempt(Instant now, Duration inFlight) {
    attempts++;
    nextTryAt = now.plus(inFlight);
    updatedAt = now;
  }

  /** Binds the partner's Idempotency-Key to this operation, as it is begun. */
  void startedBy(String partnerKey) {
    this.partnerKey = partnerKey;
  }

  /** Whether the partner's request with {@code key} started it. */
  boolean startedBy(String key, Kind asked) {
    return key != null && key.equals(partnerKey) && kind == asked;
  }

  String partnerKey() {
    return partnerKey;
  }

  boolean pending() {
    return status == Status.PENDING;
  }

  boolean succeeded() {
    return status == Status.SUCCEEDED;
  }

  String id() {
    return id;
  }

  String paymentId() {
    return paymentId;
  }

  Kind kind() {
    return kind;
  }

  long amount() {
    return amount;
  }

  String captureId() {
    return captureId;
  }

  String reason() {
    return reason;
  }

  String klarnaBody() {
    return klarnaBody;
  }

  String klarnaId() {
    return klarnaId;
  }

  /** When it is sent again (null: not due, it is answered). */
  Instant nextTryAt() {
    return nextTryAt;
  }

  int attempts() {
    return attempts;
  }

  Instant createdAt() {
    return createdAt;
  }

  MoneyMovement view() {
    return new MoneyMovement(
        id,
        paymentId,
        kind.name().toLowerCase(Locale.ROOT),
        status.name().toLowerCase(Locale.ROOT),
        amount,
        captureId,
        reason,
        klarnaId,
        failure,
        createdAt,
        updatedAt,
        madeAtKlarna);
  }
}
