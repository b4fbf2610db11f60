package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.platform.Ids;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Klarna says of a payment's transaction (a webhook, a read), applied under the payment's
 * lock: its state and expiry, and the captures and refunds it lists that the gateway did not make.
 */
final class TransactionNews {

  private TransactionNews() {}

  static void apply(
      PaymentRepository repository,
      String paymentId,
      KlarnaTransaction t,
      String source,
      Instant now) {
    repository.changeIfThere(
        paymentId,
        p ->
            p.whenAuthorized()
                .map(
                    a -> {
                      // a webhook's transaction lists no moves: then the operations are not read
                      boolean moves =
                          (!t.captures().isEmpty() || !t.refunds().isEmpty())
                              && learnMoves(a, t, repository.operations(paymentId), source, now);
                      return a.learnTransaction(t, source, now) || moves;
                    })
                .orElse(false));
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
  static boolean learnMoves(
      AuthorizedPayment a,
      KlarnaTransaction t,
      List<MoneyOperation> known,
      String source,
      Instant now) {
    if (!a.transactionId().equals(t.id()) || (t.captures().isEmpty() && t.refunds().isEmpty())) {
      return false;
    }
    Map<String, String> byKlarnaId = new HashMap<>();
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
              Ids.next("cap"),
              a.paymentId(),
              MoneyOperation.Kind.CAPTURE,
              c.amount(),
              c.id(),
              null,
              now);
      byKlarnaId.put(c.id(), op.id());
      a.madeAtKlarna(op, source, now);
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
              a.paymentId(),
              MoneyOperation.Kind.REFUND,
              r.amount(),
              r.id(),
              r.captureId() == null ? null : byKlarnaId.get(r.captureId()),
              now);
      byKlarnaId.put(r.id(), op.id());
      a.madeAtKlarna(op, source, now);
      changed = true;
    }
    if (changed) {
      a.completeIfAllMoved();
    }
    return changed;
  }

  /** Whether a pending operation of ours could be the move Klarna lists: same kind and amount. */
  private static boolean mayBePending(
      List<MoneyOperation> known, MoneyOperation.Kind kind, long amount) {
    return known.stream().anyMatch(o -> o.pending() && o.kind() == kind && o.amount() == amount);
  }
}
