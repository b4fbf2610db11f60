package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.NewCapture;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.NewRefund;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentStats;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.payments.PurchaseDataView;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.IdempotencyClaim;
import com.stepup.gateway.platform.KeysetPage;
import com.stepup.gateway.platform.ListCursor;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.stores.MerchantView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link Payments}, composed of the use cases; reads go to {@link PaymentQueries}, and those over a
 * filter to {@link PaymentListQueries}.
 */
@ApplicationScoped
class PaymentFacade implements Payments {

  @Inject TakingPayments taking;
  @Inject Cancelling cancelling;
  @Inject FinalAuthorization finalization;
  @Inject KlarnaSignalHandling signals;
  @Inject PaymentRepository repository;
  @Inject PaymentQueries queries;
  @Inject PaymentListQueries lists;
  @Inject PaymentDashboard dashboard;
  @Inject AfterAuthorization after;
  @Inject ShownToShopper shown;

  @Override
  public PaymentView create(
      MerchantView merchant, NewPayment payment, String idempotencyKey, String requestBody) {
    return taking.create(merchant, payment, idempotencyKey, requestBody);
  }

  @Override
  public PaymentView create(
      MerchantView merchant,
      NewPayment payment,
      String idempotencyKey,
      String requestBody,
      IdempotencyClaim claim,
      Function<PaymentView, IdempotencyClaim.Answer> answer) {
    return taking.create(
        merchant, payment, idempotencyKey, requestBody, new PartnerKey<>(claim, answer));
  }

  @Override
  public PaymentView get(String merchantId, String paymentId) {
    return repository.owned(merchantId, paymentId).view();
  }

  @Override
  public Optional<PaymentView> find(String paymentId) {
    return repository.find(paymentId).map(Payment::view);
  }

  @Override
  public ListPage<PaymentView> list(String merchantId, PaymentFilter filter, int page, int size) {
    return lists.list(merchantId, filter, page, size);
  }

  @Override
  public KeysetPage<PaymentView> listAfter(
      String merchantId, PaymentFilter filter, ListCursor after, int size, boolean count) {
    return lists.listAfter(merchantId, filter, after, size, count);
  }

  @Override
  public List<MoneyMovement.OfPayment> movementsBetween(
      String merchantId, PaymentFilter filter, Instant from, Instant to, int page, int size) {
    return lists.movementsBetween(merchantId, filter, from, to, page, size);
  }

  @Override
  public List<MoneyMovement.OfPayment> disputeMovementsBetween(
      String merchantId, PaymentFilter filter, Instant from, Instant to, int page, int size) {
    return lists.disputeMovementsBetween(merchantId, filter, from, to, page, size);
  }

  @Override
  public Map<String, List<String>> possibleDuplicates(
      String merchantId, Collection<PaymentView> payments) {
    return lists.possibleDuplicates(merchantId, payments);
  }

  @Override
  public Map<String, Long> charged(String merchantId, PaymentFilter filter) {
    return lists.charged(merchantId, filter);
  }

  @Override
  public Map<String, Long> totals(String merchantId, PaymentFilter filter) {
    return lists.totals(merchantId, filter);
  }

  @Override
  public List<TimelineEntry> timeline(String merchantId, String paymentId) {
    return queries.timeline(repository.owned(merchantId, paymentId).id());
  }

  @Override
  public PurchaseDataView purchaseData(String merchantId, String paymentId) {
    NewPayment in = PaymentInput.stored(repository.owned(merchantId, paymentId).requestBody());
    return new PurchaseDataView(in.customer(), in.shipping());
  }

  @Override
  public PaymentView cancel(String merchantId, String paymentId, String who, String key) {
    return cancelling.cancel(
        merchantId, paymentId, Kind.PARTNER, TimelineEvent.CANCEL_REQUESTED, who, key);
  }

  @Override
  public PaymentView cancelByOperator(String merchantId, String paymentId, String username) {
    return cancelling.cancel(
        merchantId, paymentId, Kind.OPERATOR, TimelineEvent.CANCEL_REQUESTED_IN_CONSOLE, username);
  }

  @Override
  public PaymentView retryFinalAuthorization(String merchantId, String paymentId, String username) {
    return finalization.retryByOperator(merchantId, paymentId, username);
  }

  @Override
  public MoneyMovement capture(
      String merchantId, String paymentId, NewCapture capture, String operator, String key) {
    return after.capture(merchantId, paymentId, capture, by(operator), who(operator), key);
  }

  @Override
  public MoneyMovement refund(
      String merchantId, String paymentId, NewRefund refund, String operator, String key) {
    return after.refund(merchantId, paymentId, refund, by(operator), who(operator), key);
  }

  @Override
  public MoneyMovement capture(
      String merchantId,
      String paymentId,
      NewCapture capture,
      String key,
      IdempotencyClaim claim,
      Function<MoneyMovement, IdempotencyClaim.Answer> answer) {
    return after.capture(
        merchantId, paymentId, capture, by(null), who(null), key, new PartnerKey<>(claim, answer));
  }

  @Override
  public MoneyMovement refund(
      String merchantId,
      String paymentId,
      NewRefund refund,
      String key,
      IdempotencyClaim claim,
      Function<MoneyMovement, IdempotencyClaim.Answer> answer) {
    return after.refund(
        merchantId, paymentId, refund, by(null), who(null), key, new PartnerKey<>(claim, answer));
  }

  @Override
  public MoneyMovement release(String merchantId, String paymentId, String operator, String key) {
    return after.release(merchantId, paymentId, by(operator), who(operator), key);
  }

  @Override
  public List<MoneyMovement> movements(String merchantId, String paymentId) {
    return after.movements(merchantId, paymentId);
  }

  private static Kind by(String operator) {
    return operator == null ? Kind.PARTNER : Kind.OPERATOR;
  }

  private static String who(String operator) {
    return operator == null ? "the partner" : operator + " in the console";
  }

  @Override
  public List<PaymentView> changedSince(String merchantId, Instant since, int limit) {
    return queries.changedSince(merchantId, since, limit);
  }

  @Override
  public Optional<PaymentView> latestOnTerminal(String terminalId) {
    return queries.latestOnTerminal(terminalId);
  }

  @Override
  public List<PaymentStats.Uncaptured> uncaptured(String merchantId, Instant soon) {
    return dashboard.uncaptured(merchantId, soon);
  }

  @Override
  public PaymentStats stats(String merchantId, Instant from, Instant to) {
    return dashboard.stats(merchantId, from, to);
  }

  @Override
  public void qrShownOnDisplay(String paymentId) {
    shown.qrShown(paymentId);
  }

  @Override
  public PaymentView returnFromKlarna(String paymentId) {
    return signals.returnFromKlarna(paymentId);
  }
}
