package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A payment: the partner's request, where Klarna's Payment Request stands, and the final
 * authorization. Only {@link PaymentRepository} changes it, one short transaction at a time.
 */
@Entity
@Table(name = "payment")
class Payment {

  /** Klarna's token is good for this long after the request is COMPLETED. */
  static final Duration TOKEN_WINDOW = Duration.ofMinutes(60);

  @Id String id;

  @Column(name = "merchant_id", nullable = false)
  String merchantId;

  @Column(name = "partner_account_id", nullable = false)
  String partnerAccountId;

  @Column(name = "idempotency_key")
  String idempotencyKey;

  @Column(name = "request_hash", nullable = false)
  String requestHash;

  @Column(nullable = false)
  String status;

  @Column(nullable = false)
  String method;

  long amount;

  @Column(nullable = false)
  String currency;

  @Column(nullable = false)
  String reference;

  @Column(name = "store_id", nullable = false)
  String storeId;

  @Column(name = "store_reference", nullable = false)
  String storeReference;

  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "terminal_reference")
  String terminalReference;

  @Column(name = "return_url")
  String returnUrl;

  @Column(name = "app_return_url")
  String appReturnUrl;

  /** The partner's request as sent: what a resumed authorize is rebuilt from. */
  @Column(name = "request_body", nullable = false)
  String requestBody;

  @Column(name = "authorize_attempts")
  int authorizeAttempts;

  @Column(name = "klarna_result")
  String klarnaResult;

  @Column(name = "pr_id")
  String prId;

  @Column(name = "pr_state")
  String prState;

  @Column(name = "pr_state_reason")
  String prStateReason;

  @Column(name = "pr_updated_at")
  OffsetDateTime prUpdatedAt;

  @Column(name = "pr_expires_at")
  OffsetDateTime prExpiresAt;

  @Column(name = "qr_image_url")
  String qrImageUrl;

  @Column(name = "qr_target_url")
  String qrTargetUrl;

  @Column(name = "payment_request_url")
  String paymentRequestUrl;

  /** Klarna's final-authorization token; cleared once used or no longer usable. */
  String token;

  @Column(name = "token_header")
  String tokenHeader;

  @Column(name = "completed_at")
  OffsetDateTime completedAt;

  @Column(name = "finalize_attempts")
  int finalizeAttempts;

  @Column(name = "finalize_claimed_at")
  OffsetDateTime finalizeClaimedAt;

  @Column(name = "transaction_id")
  String transactionId;

  /** A transaction Klarna approved after the payment had ended; released by the janitor. */
  @Column(name = "late_transaction_id")
  String lateTransactionId;

  /** RELEASING until Klarna voided the late transaction, then RELEASED (or REFUSED). */
  @Column(name = "release_state")
  String releaseState;

  @Column(name = "release_next_at")
  OffsetDateTime releaseNextAt;

  @Column(name = "cancel_requested_at")
  OffsetDateTime cancelRequestedAt;

  @Column(name = "failure_reason")
  String failureReason;

  @Column(name = "next_check_at")
  OffsetDateTime nextCheckAt;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  OffsetDateTime updatedAt;

  @Version long version;

  protected Payment() {}

  PaymentStatus status() {
    return PaymentStatus.valueOf(status);
  }

  PaymentRequestState requestState() {
    return prState == null ? null : PaymentRequestState.valueOf(prState);
  }

  /** The initial authorize was sent but its answer never arrived. */
  boolean authorizing() {
    return status() == PaymentStatus.PENDING && klarnaResult == null;
  }

  /** COMPLETED with a token in hand: the final authorization is due. */
  boolean finalizable() {
    return status() == PaymentStatus.PENDING
        && requestState() == PaymentRequestState.COMPLETED
        && token != null;
  }

  Instant tokenExpiresAt() {
    return completedAt == null ? null : completedAt.toInstant().plus(TOKEN_WINDOW);
  }

  PaymentView view() {
    return new PaymentView(
        id,
        merchantId,
        status(),
        method,
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
            prId,
            requestState(),
            prStateReason,
            qrImageUrl,
            qrTargetUrl,
            paymentRequestUrl,
            prExpiresAt == null ? null : prExpiresAt.toInstant(),
            tokenExpiresAt(),
            transactionId),
        failureReason,
        createdAt.toInstant(),
        updatedAt.toInstant());
  }
}
