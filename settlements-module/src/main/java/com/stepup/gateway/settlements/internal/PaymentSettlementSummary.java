package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.payments.MoneyByKlarnaId.KnownMove;
import com.stepup.gateway.payments.PaymentSettlementView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payment's {@code settlement} (issue 27), decided without a database: each succeeded capture is
 * settled by the first SALE line linked to it, each refund by the first RETURN line; the FEE and
 * TAX lines charged on a capture are its fee and tax wherever they were settled. A payment is
 * {@code settled} when every capture and refund is, {@code partially_settled} when some are, {@code
 * not_settled} when none is, and {@code none} when it has neither.
 */
final class PaymentSettlementSummary {

  private PaymentSettlementSummary() {}

  /** A linked line of a complete payout, with its payout. */
  record SettledLine(
      String paymentId,
      String type,
      String captureId,
      String refundId,
      long amount,
      String payoutId,
      String klarnaPaymentReference,
      Instant payoutDate) {}

  /**
   * @param moves the payments' succeeded captures and refunds, oldest first
   * @param lines the lines linked to those payments, in payout order (oldest payout first)
   */
  static Map<String, PaymentSettlementView> of(List<KnownMove> moves, List<SettledLine> lines) {
    Map<String, SettledLine> sales = new HashMap<>();
    Map<String, SettledLine> returns = new HashMap<>();
    Map<String, Long> fees = new HashMap<>();
    Map<String, Long> taxes = new HashMap<>();
    for (SettledLine l : lines) {
      switch (l.type()) {
        case "SALE" -> {
          if (l.captureId() != null) {
            sales.putIfAbsent(l.captureId(), l);
          }
        }
        case "RETURN" -> {
          if (l.refundId() != null) {
            returns.putIfAbsent(l.refundId(), l);
          }
        }
        case "FEE" -> {
          if (l.captureId() != null) {
            fees.merge(l.captureId(), l.amount(), Long::sum);
          }
        }
        case "TAX" -> {
          if (l.captureId() != null) {
            taxes.merge(l.captureId(), l.amount(), Long::sum);
          }
        }
        default -> {
          // reversals and holdbacks belong to disputes, not to a capture or refund
        }
      }
    }
    Map<String, List<KnownMove>> byPayment = new LinkedHashMap<>();
    moves.forEach(m -> byPayment.computeIfAbsent(m.paymentId(), k -> new ArrayList<>()).add(m));
    Map<String, PaymentSettlementView> out = new LinkedHashMap<>();
    byPayment.forEach(
        (paymentId, theirs) -> {
          List<PaymentSettlementView.Move> captures = new ArrayList<>();
          List<PaymentSettlementView.Move> refunds = new ArrayList<>();
          long settledAmount = 0;
          long feeTotal = 0;
          int settled = 0;
          for (KnownMove m : theirs) {
            SettledLine line = m.capture() ? sales.get(m.id()) : returns.get(m.id());
            long fee = m.capture() ? fees.getOrDefault(m.id(), 0L) : 0;
            long tax = m.capture() ? taxes.getOrDefault(m.id(), 0L) : 0;
            feeTotal += fee + tax;
            if (line != null) {
              settled++;
              settledAmount += line.amount();
            }
            var move =
                new PaymentSettlementView.Move(
                    m.id(),
                    m.amount(),
                    line != null,
                    line == null ? null : line.payoutId(),
                    line == null ? null : line.klarnaPaymentReference(),
                    line == null ? null : line.payoutDate(),
                    line == null ? 0 : line.amount(),
                    fee,
                    tax);
            (m.capture() ? captures : refunds).add(move);
          }
          String status =
              theirs.isEmpty()
                  ? "none"
                  : settled == 0
                      ? "not_settled"
                      : settled == theirs.size() ? "settled" : "partially_settled";
          out.put(
              paymentId,
              new PaymentSettlementView(
                  status, settledAmount, feeTotal, List.copyOf(captures), List.copyOf(refunds)));
        });
    return out;
  }
}
