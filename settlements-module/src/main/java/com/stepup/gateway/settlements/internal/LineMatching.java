package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.klarna.KlarnaSettlements;
import com.stepup.gateway.payments.MoneyByKlarnaId.KnownMove;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one settlement line is matched to what the gateway holds (issue 27), decided without a
 * database so a unit test can state every rule:
 *
 * <ul>
 *   <li>SALE → the capture with Klarna's {@code capture_id}; RETURN → the refund with its {@code
 *       refund_id}; FEE and TAX → the capture they were charged on. The capture or refund must be
 *       the payout's merchant's; else the line is unknown.
 *   <li>A SALE or RETURN whose amount is not the capture's (the refund's, negative) is {@code
 *       amount_differs}; one whose capture or refund was settled before (in an earlier payout or
 *       earlier in this one) is {@code settled_twice}.
 *   <li>A FEE above the agreed plan on its capture's amount is {@code fee_above_plan}.
 *   <li>A SALE, RETURN, FEE or TAX the gateway does not know is {@code unknown_line}.
 *   <li>Other types (REVERSAL, HOLDBACK, …) are kept unmatched; disputes will match them.
 * </ul>
 *
 * A line is {@code matched} when it is linked and nothing is wrong with it. A SALE linked to its
 * capture settles that capture, whatever else is wrong: its open {@code not_settled} item is
 * resolved.
 */
final class LineMatching {

  private LineMatching() {}

  /** The fee a merchant agreed to per capture: fixed minor units plus basis points. */
  record FeePlan(long fixed, long percentBp) {
    long max(long captured) {
      return fixed + (captured * percentBp + 5_000) / 10_000;
    }
  }

  /** An item to open. Amounts are signed as the line's. */
  record NewItem(
      String kind,
      String paymentId,
      String captureId,
      String refundId,
      String klarnaId,
      String currency,
      Long expected,
      Long settled) {}

  /** What the line is linked to, whether it matches, what it opens and what it settles. */
  record Outcome(
      String paymentId,
      String captureId,
      String refundId,
      boolean matched,
      List<NewItem> items,
      String settlesCapture) {}

  /**
   * @param known the gateway's captures and refunds by Klarna id
   * @param settledBefore the gateway ids of captures (by their SALE) and refunds (by their RETURN)
   *     already settled; this line's own is added when it settles one
   */
  static Outcome match(
      KlarnaSettlements.Transaction line,
      String merchantId,
      String currency,
      Map<String, KnownMove> known,
      Set<String> settledBefore,
      FeePlan plan) {
    List<NewItem> items = new ArrayList<>();
    String type = line.type();
    switch (type) {
      case "SALE", "FEE", "TAX" -> {
        KnownMove capture = ours(known.get(line.captureId()), merchantId, true);
        if (capture == null) {
          items.add(unknown(line, currency));
          return new Outcome(null, null, null, false, items, null);
        }
        boolean ok = true;
        String settles = null;
        if ("SALE".equals(type)) {
          settles = capture.id();
          if (!settledBefore.add("SALE " + capture.id())) {
            items.add(item("settled_twice", capture, line, currency, capture.amount()));
            ok = false;
          } else if (line.amount() != capture.amount()) {
            items.add(item("amount_differs", capture, line, currency, capture.amount()));
            ok = false;
          }
        } else if ("FEE".equals(type)
            && plan != null
            && -line.amount() > plan.max(capture.amount())) {
          items.add(item("fee_above_plan", capture, line, currency, -plan.max(capture.amount())));
          ok = false;
        }
        return new Outcome(capture.paymentId(), capture.id(), null, ok, items, settles);
      }
      case "RETURN" -> {
        KnownMove refund = ours(known.get(line.refundId()), merchantId, false);
        if (refund == null) {
          items.add(unknown(line, currency));
          return new Outcome(null, null, null, false, items, null);
        }
        boolean ok = true;
        if (!settledBefore.add("RETURN " + refund.id())) {
          items.add(item("settled_twice", refund, line, currency, -refund.amount()));
          ok = false;
        } else if (line.amount() != -refund.amount()) {
          items.add(item("amount_differs", refund, line, currency, -refund.amount()));
          ok = false;
        }
        return new Outcome(refund.paymentId(), refund.captureId(), refund.id(), ok, items, null);
      }
      default -> {
        return new Outcome(null, null, null, false, items, null);
      }
    }
  }

  private static KnownMove ours(KnownMove move, String merchantId, boolean capture) {
    return move != null && move.merchantId().equals(merchantId) && move.capture() == capture
        ? move
        : null;
  }

  private static NewItem item(
      String kind,
      KnownMove move,
      KlarnaSettlements.Transaction line,
      String currency,
      long expected) {
    boolean refund = !move.capture();
    return new NewItem(
        kind,
        move.paymentId(),
        refund ? move.captureId() : move.id(),
        refund ? move.id() : null,
        move.klarnaId(),
        currency,
        expected,
        line.amount());
  }

  private static NewItem unknown(KlarnaSettlements.Transaction line, String currency) {
    String klarnaId = line.refundId() != null ? line.refundId() : line.captureId();
    return new NewItem("unknown_line", null, null, null, klarnaId, currency, null, line.amount());
  }
}
