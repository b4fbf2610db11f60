package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStateMachine;
import com.stepup.gateway.payments.PaymentStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Duration;
import java.time.Instant;

/**
 * Klarna's Payment Request as the payment knows it: its id, where the shopper goes, its state
 * (moved only as {@link PaymentStateMachine} allows) and when it expires.
 */
@Embeddable
class KlarnaRequest {

  @Column(name = "pr_id")
  private String id;

  @Enumerated(EnumType.STRING)
  @Column(name = "pr_state")
  private PaymentRequestState state;

  @Column(name = "pr_state_reason")
  private String stateReason;

  @Column(name = "pr_updated_at")
  private Instant updatedAt;

  @Column(name = "pr_expires_at")
  private Instant expiresAt;

  @Column(name = "qr_image_url")
  private String qrImageUrl;

  @Column(name = "qr_target_url")
  private String qrTargetUrl;

  @Column(name = "payment_request_url")
  private String paymentRequestUrl;

  /** Klarna's step-up named the request: where the shopper goes, and when it ends. */
  void open(KlarnaPaymentRequest pr) {
    id = pr.id();
    qrImageUrl = pr.qrImageUrl();
    qrTargetUrl = pr.qrTargetUrl();
    paymentRequestUrl = pr.paymentRequestUrl();
    expiresAt = pr.expiresAt();
  }

  /** Whether the signal is about this request (Klarna has named it, and it is this one). */
  boolean isAbout(KlarnaPaymentRequest pr) {
    return id != null && id.equals(pr.id());
  }

  /** Whether a signal that the request is {@code signal} moves it forward. */
  boolean accepts(PaymentStatus status, PaymentRequestState signal, Instant signalAt) {
    return PaymentStateMachine.accepts(status, state, updatedAt, signal, signalAt);
  }

  void moveTo(PaymentRequestState signal, KlarnaPaymentRequest pr, Instant now) {
    state = signal;
    stateReason = pr.stateReason();
    updatedAt = pr.updatedAt() != null ? pr.updatedAt() : now;
    if (pr.expiresAt() != null) {
      expiresAt = pr.expiresAt();
    }
  }

  /** When Klarna last said something new, or {@code otherwise}. */
  Instant lastNews(Instant otherwise) {
    return updatedAt != null ? updatedAt : otherwise;
  }

  /** When the request expires, once it has a state; else null. */
  Instant expiry() {
    return state != null && expiresAt != null ? expiresAt : null;
  }

  /** The request expired more than {@code grace} before {@code now}. */
  boolean expiredLongAgo(Instant now, Duration grace) {
    return expiresAt != null && expiresAt.plus(grace).isBefore(now);
  }

  String id() {
    return id;
  }

  PaymentRequestState state() {
    return state;
  }

  String stateReason() {
    return stateReason;
  }

  String qrImageUrl() {
    return qrImageUrl;
  }

  String qrTargetUrl() {
    return qrTargetUrl;
  }

  String paymentRequestUrl() {
    return paymentRequestUrl;
  }

  Instant expiresAt() {
    return expiresAt;
  }
}
