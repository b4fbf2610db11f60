package com.stepup.sandbox;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Payouts and settled lines in the Settlements API v1's shapes (KLARNA-API.md §12.3). */
final class SettlementJson {

  private SettlementJson() {}

  /** A payout in v1's shape (§12.3). */
  static JsonObject toJson(Settlements.Payout p, String baseUrl) {
    JsonObjectBuilder totals = Json.createObjectBuilder();
    p.totals()
        .forEach(
            (k, v) ->
                totals.add(
                    k, "opening_debt_balance_amount".equals(k) ? p.openingDebt() : v.longValue()));
    totals.add("settlement_amount", p.settlementAmount());
    return Json.createObjectBuilder()
        .add("payment_reference", p.paymentReference())
        .add("payout_date", PaymentRequest.iso(p.payoutDate()))
        .add("currency_code", p.currency())
        .add("merchant_settlement_type", "NET")
        .add("merchant_id", p.account())
        .add(
            "transactions",
            baseUrl + "settlements/v1/transactions?payment_reference=" + p.paymentReference())
        .add("totals", totals)
        .build();
  }

  /** A settled line in v1's transaction shape (§12.3). */
  static JsonObject toJson(Ledger.Line l, String baseUrl) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("amount", l.amount)
            .add("type", l.type)
            .add("sale_date", PaymentRequest.iso(l.saleDate))
            .add("capture_date", PaymentRequest.iso(l.captureDate))
            .add("order_id", l.orderId)
            .add("currency_code", l.currency)
            .add("purchase_country", purchaseCountry(l.currency));
    if (l.detailedType != null) {
      json.add("detailed_type", l.detailedType);
    }
    if (l.captureId != null) {
      json.add("capture_id", l.captureId);
    }
    if (l.refundId != null) {
      json.add("refund_id", l.refundId);
    }
    if (l.transactionId != null) {
      json.add("payment_transaction_id", l.transactionId);
    }
    if (l.disputeId != null) {
      json.add("reversal_reference", l.disputeId);
    }
    if (l.reference != null) {
      json.add("merchant_reference1", l.reference);
    }
    if (l.paymentReference != null) {
      json.add("payment_reference", l.paymentReference)
          .add("payout", baseUrl + "settlements/v1/payouts/" + l.paymentReference);
    }
    return json.build();
  }

  /** The sandbox keeps no purchase country: the currency's usual one. */
  static String purchaseCountry(String currency) {
    return switch (currency) {
      case "EUR" -> "DE";
      case "SEK" -> "SE";
      case "NOK" -> "NO";
      case "DKK" -> "DK";
      case "GBP" -> "GB";
      case "CHF" -> "CH";
      case "AUD" -> "AU";
      case "CAD" -> "CA";
      case "PLN" -> "PL";
      default -> "US";
    };
  }
}
