package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.disputes.DisputesByKlarnaId.KnownDispute;
import com.stepup.gateway.klarna.KlarnaSettlements;
import com.stepup.gateway.payments.MoneyByKlarnaId.KnownMove;
import java.util.ArrayList;
import java.util.HashSet;
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
 *   <li>A dispute's lines (any line naming a dispute in {@code reversal_reference}, every REVERSAL,
 *       every {@code DISPUTE_FEE}) → the dispute with that Klarna id, and through it its payment
 *       and capture. A REVERSAL takes back the disputed amount: it is expected while the dispute is
 *       undecided or LOST, and not at all once WON.
 *   <li>A SALE, RETURN or REVERSAL whose amount is not the capture's (the refund's or dispute's,
 *       negative) is {@code amount_differs}; one whose capture, refund or dispute was settled
 *       before (in an earlier payout or earlier in this one) is {@code settled_twice}, as is a
 *       second DISPUTE_FEE of a dispute.
 *   <li>A RETURN or REVERSAL (money given back) settled while no payout, this one included, has
 *       settled its capture's SALE (for a refund of no particular capture: any SALE of its payment)
 *       is {@code refund_before_capture}: the merchant pays back what Klarna has not paid it yet.
 *       The line itself is right (it stays matched); the item is resolved when the SALE comes.
 *   <li>A FEE above the agreed plan on its capture's amount is {@code fee_above_plan}.
 *   <li>A SALE, RETURN, FEE or TAX, or a dispute's line, the gateway does not know is {@code
 *       unknown_line}.
 *   <li>Other types (HOLDBACK, RELEASE, … naming no dispute) are kept unmatched without an item.
 * </ul>
 *
 * A line is {@code matched} when it is linked and nothing is wrong with it. A SALE linked to its
 * capture settles that capture, whatever else is wrong: its open {@code not_settled} and {@code
 * refund_before_capture} items are resolved.
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
      Long settled,
      String disputeId) {

    NewItem(
        String kind,
        String paymentId,
        String captureId,
        String refundId,
        String klarnaId,
        String currency,
        Long expected,
        Long settled) {
      this(kind, paymentId, captureId, refundId, klarnaId, currency, expected, settled, null);
    }
  }

  /** What the line is linked to, whether it matches, what it opens and what it settles. */
  record Outcome(
      String paymentId,
      String captureId,
      String refundId,
      String disputeId,
      boolean matched,
      List<NewItem> items,
      String settlesCapture) {

    Outcome(
        String paymentId,
        String captureId,
        String refundId,
        boolean matched,
        List<NewItem> items,
        String settlesCapture) {
      this(paymentId, captureId, refundId, null, matched, items, settlesCapture);
    }
  }

  /** The keys of {@code settledBefore}: what a line settles, once. */
  static String sale(String captureId) {
    return "SALE " + captureId;
  }

  static String paymentSale(String paymentId) {
    return "PAYMENT_SALE " + paymentId;
  }

  static String returned(String refundId) {
    return "RETURN " + refundId;
  }

  static String reversal(String disputeId) {
    return "REVERSAL " + disputeId;
  }

  static String disputeFee(String disputeId) {
    return "DISPUTE_FEE " + disputeId;
  }

  /** Whether Klarna's line belongs to a dispute rather than to a capture or refund. */
  static boolean disputeLine(KlarnaSettlements.Transaction line) {
    return line.disputeId() != null
        || line.type().startsWith("REVERSAL")
        || (line.detailedType() != null && line.detailedType().contains("DISPUTE"));
  }

  /**
   * The SALEs of a page, as {@link #sale} and {@link #paymentSale} keys: a RETURN before its SALE
   * in the same payout is not settled before its capture.
   */
  static Set<String> salesIn(
      List<KlarnaSettlements.Transaction> page, Map<String, KnownMove> known, String merchantId) {
    Set<String> sales = new HashSet<>();
    for (KlarnaSettlements.Transaction t : page) {
      if ("SALE".equals(t.type()) && !disputeLine(t)) {
        KnownMove capture = ours(known.get(t.captureId()), merchantId, true);
        if (capture != null) {
          sales.add(sale(capture.id()));
          sales.add(paymentSale(capture.paymentId()));
        }
      }
    }
    return sales;
  }

  static Outcome match(
      KlarnaSettlements.Transaction line,
      String merchantId,
      String currency,
      Map<String, KnownMove> known,
      Set<String> settledBefore,
      FeePlan plan) {
    return match(line, merchantId, currency, known, Map.of(), settledBefore, Set.of(), plan);
  }

  /**
   * @param known the gateway's captures and refunds by Klarna id
   * @param disputes the gateway's disputes by Klarna id
   * @param settledBefore what stored lines and earlier lines of this payout settled (the keys
   *     above); this line's own is added when it settles something
   * @param salesHere the SALEs of this payout's page ({@link #salesIn})
   */
  static Outcome match(
      KlarnaSettlements.Transaction line,
      String merchantId,
      String currency,
      Map<String, KnownMove> known,
      Map<String, KnownDispute> disputes,
      Set<String> settledBefore,
      Set<String> salesHere,
      FeePlan plan) {
    List<NewItem> items = new ArrayList<>();
    if (disputeLine(line)) {
      return disputed(line, merchantId, currency, disputes, settledBefore, salesHere, items);
    }
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
          if (!settledBefore.add(sale(capture.id()))) {
            items.add(item("settled_twice", capture, line, currency, capture.amount()));
            ok = false;
          } else if (line.amount() != capture.amount()) {
            items.add(item("amount_differs", capture, line, currency, capture.amount()));
            ok = false;
          }
          settledBefore.add(paymentSale(capture.paymentId()));
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
        if (!settledBefore.add(returned(refund.id()))) {
          items.add(item("settled_twice", refund, line, currency, -refund.amount()));
          ok = false;
        } else {
          if (line.amount() != -refund.amount()) {
            items.add(item("amount_differs", refund, line, currency, -refund.amount()));
            ok = false;
          }
          if (!captureSettled(refund.paymentId(), refund.captureId(), settledBefore, salesHere)) {
            items.add(item("refund_before_capture", refund, line, currency, null));
          }
        }
        return new Outcome(refund.paymentId(), refund.captureId(), refund.id(), ok, items, null);
      }
      default -> {
        return new Outcome(null, null, null, false, items, null);
      }
    }
  }

  /** A dispute's line: REVERSAL, DISPUTE_FEE, or a holdback or release naming the dispute. */
  private static Outcome disputed(
      KlarnaSettlements.Transaction line,
      String merchantId,
      String currency,
      Map<String, KnownDispute> disputes,
      Set<String> settledBefore,
      Set<String> salesHere,
      List<NewItem> items) {
    KnownDispute d = line.disputeId() == null ? null : disputes.get(line.disputeId());
    if (d == null || !d.merchantId().equals(merchantId)) {
      items.add(
          new NewItem(
              "unknown_line",
              null,
              null,
              null,
              line.disputeId() != null ? line.disputeId() : line.captureId(),
              currency,
              null,
              line.amount()));
      return new Outcome(null, null, null, null, false, items, null);
    }
    boolean ok = true;
    if (line.type().startsWith("REVERSAL")) {
      long expected = "WON".equals(d.outcome()) ? 0 : -d.amount();
      if (!settledBefore.add(reversal(d.id()))) {
        items.add(disputeItem("settled_twice", d, line, currency, expected));
        ok = false;
      } else {
        if (line.amount() != expected) {
          items.add(disputeItem("amount_differs", d, line, currency, expected));
          ok = false;
        }
        if (!captureSettled(d.paymentId(), d.captureId(), settledBefore, salesHere)) {
          items.add(disputeItem("refund_before_capture", d, line, currency, null));
        }
      }
    } else if ("DISPUTE_FEE".equals(line.detailedType())
        && !settledBefore.add(disputeFee(d.id()))) {
      items.add(disputeItem("settled_twice", d, line, currency, null));
      ok = false;
    }
    return new Outcome(d.paymentId(), d.captureId(), null, d.id(), ok, items, null);
  }

  private static boolean captureSettled(
      String paymentId, String captureId, Set<String> settledBefore, Set<String> salesHere) {
    String key = captureId != null ? sale(captureId) : paymentSale(paymentId);
    return settledBefore.contains(key) || salesHere.contains(key);
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
      Long expected) {
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

  private static NewItem disputeItem(
      String kind,
      KnownDispute d,
      KlarnaSettlements.Transaction line,
      String currency,
      Long expected) {
    return new NewItem(
        kind,
        d.paymentId(),
        d.captureId(),
        null,
        d.klarnaDisputeId(),
        currency,
        expected,
        line.amount(),
        d.id());
  }

  private static NewItem unknown(KlarnaSettlements.Transaction line, String currency) {
    String klarnaId = line.refundId() != null ? line.refundId() : line.captureId();
    return new NewItem("unknown_line", null, null, null, klarnaId, currency, null, line.amount());
  }
}
