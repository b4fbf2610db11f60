package com.stepup.gateway.payments;

import com.stepup.gateway.platform.IdempotencyClaim;
import com.stepup.gateway.platform.KeysetPage;
import com.stepup.gateway.platform.ListCursor;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.stores.MerchantView;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The payments module's API for the partner API and the console: take a payment, follow it, cancel
 * it. (What Klarna says comes in through {@link KlarnaSignals}.) Reads are scoped to a merchant
 * ({@code null} for platform staff); another merchant's payment is simply not found.
 */
public interface Payments {

  /**
   * Starts a payment: Klarna's initial authorize, with a step-up when Klarna asks for one. With an
   * idempotency key, a payment the same key started before is resumed, not repeated.
   */
  PaymentView create(
      MerchantView merchant, NewPayment payment, String idempotencyKey, String requestBody);

  /**
   * The same, binding the partner's key in the payment's own transactions (two commits in all):
   * {@code claim} is written with the payment, and {@code answer} (the partner's answer for the
   * payment as it stands) with Klarna's answer, or on its own when the key's payment was answered
   * before. A claim another request holds rolls the payment back ({@link
   * IdempotencyClaim.IdempotencyKeyTaken}).
   */
  PaymentView create(
      MerchantView merchant,
      NewPayment payment,
      String idempotencyKey,
      String requestBody,
      IdempotencyClaim claim,
      Function<PaymentView, IdempotencyClaim.Answer> answer);

  PaymentView get(String merchantId, String paymentId);

  Optional<PaymentView> find(String paymentId);

  ListPage<PaymentView> list(String merchantId, PaymentFilter filter, int page, int size);

  /**
   * The filter's payments newest first ({@code created_at} then id, descending: the filter's sort
   * does not apply), {@code size} of them after {@code after} (null: from the newest), with no
   * count unless {@code count} asks for the filter's total.
   */
  KeysetPage<PaymentView> listAfter(
      String merchantId, PaymentFilter filter, ListCursor after, int size, boolean count);

  /**
   * Of these payments, the ones that may be a sale taken twice, each with the ids of the payments
   * it may duplicate ({@link PossibleDuplicates}); the others are left out.
   */
  Map<String, List<String>> possibleDuplicates(String merchantId, Collection<PaymentView> payments);

  /** What the filter's payments add up to, in minor units by currency. */
  Map<String, Long> totals(String merchantId, PaymentFilter filter);

  /**
   * What the filter's payments charged, in minor units by currency: captured less refunded, so
   * declined, canceled, released and uncaptured payments add nothing.
   */
  Map<String, Long> charged(String merchantId, PaymentFilter filter);

  List<TimelineEntry> timeline(String merchantId, String paymentId);

  /** The customer and shipping the payment was taken with (personal data: for the console). */
  PurchaseDataView purchaseData(String merchantId, String paymentId);

  /** Cancels a pending payment's Payment Request at Klarna; 409 when it is too late. */
  default PaymentView cancel(String merchantId, String paymentId, String who) {
    return cancel(merchantId, paymentId, who, null);
  }

  /**
   * The same, bound to the caller's {@code Idempotency-Key} (null: none): a request with the key
   * that asked for this payment's cancel answers that cancel, as it stands now, at any time and
   * after any crash (the payment, or the same 409 when the shopper's approval overtook it), and
   * never starts a second one.
   */
  PaymentView cancel(String merchantId, String paymentId, String who, String key);

  /** The same, asked by a person in the console; recorded as an operator action. */
  PaymentView cancelByOperator(String merchantId, String paymentId, String username);

  /**
   * Makes the final authorization now for an approved payment whose earlier attempt failed, while
   * Klarna's token is valid; 409 when there is nothing to retry or another attempt is running.
   */
  PaymentView retryFinalAuthorization(String merchantId, String paymentId, String username);

  /**
   * Captures part or all of an authorized payment at Klarna ({@code operator}: the console user who
   * asked, or null for the partner). 409 when the payment cannot be captured or the amount is more
   * than is capturable. A capture Klarna has not answered yet is answered {@code pending} and
   * finished by the janitor with the same key.
   */
  default MoneyMovement capture(
      String merchantId, String paymentId, NewCapture capture, String operator) {
    return capture(merchantId, paymentId, capture, operator, null);
  }

  /**
   * The same, bound to the caller's {@code Idempotency-Key} (null: none): a request with a key that
   * already started a capture of this payment answers that capture, as it stands now, at any time
   * and after any crash, and never starts a second one.
   */
  MoneyMovement capture(
      String merchantId, String paymentId, NewCapture capture, String operator, String key);

  /**
   * The same, binding the partner's key in the capture's own transactions (two commits in all when
   * Klarna answers): {@code claim} is written with the capture as begun, and {@code answer} (the
   * partner's answer for the capture as it stands) with Klarna's answer, or on its own when the
   * key's capture began before. A claim another request holds rolls the capture back before Klarna
   * is asked ({@link IdempotencyClaim.IdempotencyKeyTaken}).
   */
  MoneyMovement capture(
      String merchantId,
      String paymentId,
      NewCapture capture,
      String key,
      IdempotencyClaim claim,
      Function<MoneyMovement, IdempotencyClaim.Answer> answer);

  /** Refunds part or all of what was captured; 409 when it is more than is refundable. */
  default MoneyMovement refund(
      String merchantId, String paymentId, NewRefund refund, String operator) {
    return refund(merchantId, paymentId, refund, operator, null);
  }

  /** The same, bound to the caller's {@code Idempotency-Key}, as a capture is. */
  MoneyMovement refund(
      String merchantId, String paymentId, NewRefund refund, String operator, String key);

  /** The same, binding the partner's key in the refund's own transactions, as a capture does. */
  MoneyMovement refund(
      String merchantId,
      String paymentId,
      NewRefund refund,
      String key,
      IdempotencyClaim claim,
      Function<MoneyMovement, IdempotencyClaim.Answer> answer);

  /** Releases (voids) at Klarna what is authorized and not captured; 409 when nothing is left. */
  default MoneyMovement release(String merchantId, String paymentId, String operator) {
    return release(merchantId, paymentId, operator, null);
  }

  /** The same, bound to the caller's {@code Idempotency-Key}, as a capture is. */
  MoneyMovement release(String merchantId, String paymentId, String operator, String key);

  /**
   * The captures, refunds and releases that succeeded between {@code from} and {@code to} (either
   * may be null), of the payments the filter finds (its created dates are left aside: a refund
   * today of last week's sale is today's), in the order they happened; a page of them.
   */
  List<MoneyMovement.OfPayment> movementsBetween(
      String merchantId, PaymentFilter filter, Instant from, Instant to, int page, int size);

  /**
   * What disputes did to the money of the payments the filter finds, between {@code from} and
   * {@code to}, in the order it happened: {@code dispute_hold} (held when the dispute opened),
   * {@code dispute_won} (the hold given back), {@code dispute_lost} (taken for good); each with the
   * dispute's id as its id. A page of them.
   */
  List<MoneyMovement.OfPayment> disputeMovementsBetween(
      String merchantId, PaymentFilter filter, Instant from, Instant to, int page, int size);

  /** The payment's captures, refunds and releases, oldest first. */
  List<MoneyMovement> movements(String merchantId, String paymentId);

  /** Payments changed after {@code since}, oldest change first (for live views). */
  List<PaymentView> changedSince(String merchantId, Instant since, int limit);

  /** The newest payment taken on the terminal, if any (for its customer-facing display). */
  Optional<PaymentView> latestOnTerminal(String terminalId);

  /**
   * What is authorized and not captured, by currency, and how many of those authorizations expire
   * before {@code soon}.
   */
  List<PaymentStats.Uncaptured> uncaptured(String merchantId, Instant soon);

  /** Payments created in {@code [from, to)}, counted for the dashboard. */
  PaymentStats stats(String merchantId, Instant from, Instant to);

  /**
   * The pending payment's QR code is being drawn on its terminal's customer-facing display: the
   * first time is written to the timeline ({@code QR_SHOWN}), once per payment, as proof of the
   * sale for a dispute.
   */
  void qrShownOnDisplay(String paymentId);

  /** The shopper is back from Klarna: learn the outcome, finalize if possible, and answer it. */
  PaymentView returnFromKlarna(String paymentId);
}
