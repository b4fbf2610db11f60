package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.KlarnaSettlements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Klarna's Settlements API v1. Every call is a GET, so it is retried on no answer, 429 or 5xx
 * with backoff ({@link KlarnaHttp#callWithRetries}).
 */
@ApplicationScoped
class KlarnaSettlementsClient implements KlarnaSettlements {

  @Inject KlarnaHttp http;

  @Override
  public Page<Payout> payouts(Instant from, int offset, int size) {
    JsonObject answer =
        http.callWithRetries(
            "list payouts",
            api ->
                api.payouts(
                    from == null ? null : from.toString(), Math.min(size, MAX_PAGE), offset));
    var items =
        answer.getJsonArray("payouts").getValuesAs(JsonObject.class).stream()
            .map(KlarnaSettlementsClient::payout)
            .toList();
    return new Page<>(items, total(answer, offset + items.size()), more(answer));
  }

  @Override
  public Page<Transaction> transactions(String paymentReference, int offset, int size) {
    JsonObject answer =
        http.callWithRetries(
            "list settlement transactions",
            api -> api.settlementTransactions(paymentReference, Math.min(size, MAX_PAGE), offset));
    var items =
        answer.getJsonArray("transactions").getValuesAs(JsonObject.class).stream()
            .map(KlarnaSettlementsClient::transaction)
            .toList();
    return new Page<>(items, total(answer, offset + items.size()), more(answer));
  }

  static Payout payout(JsonObject p) {
    Map<String, Long> totals = new LinkedHashMap<>();
    JsonObject t = p.getJsonObject("totals");
    long settlement = 0;
    if (t != null) {
      for (var e : t.entrySet()) {
        if (e.getValue() instanceof JsonNumber n) {
          totals.put(e.getKey(), n.longValue());
        }
      }
      settlement = totals.getOrDefault("settlement_amount", 0L);
    }
    return new Payout(
        p.getString("payment_reference"),
        OffsetDateTime.parse(p.getString("payout_date")).toInstant(),
        p.getString("currency_code"),
        p.getString("merchant_id", null),
        totals,
        settlement);
  }

  static Transaction transaction(JsonObject t) {
    return new Transaction(
        t.getString("type"),
        blankToNull(t.getString("detailed_type", null)),
        t.getJsonNumber("amount").longValueExact(),
        t.getString("currency_code", null),
        blankToNull(t.getString("capture_id", null)),
        blankToNull(t.getString("refund_id", null)),
        blankToNull(t.getString("payment_transaction_id", null)),
        blankToNull(t.getString("order_id", null)),
        blankToNull(t.getString("reversal_reference", null)));
  }

  private static long total(JsonObject answer, long seen) {
    JsonObject p = answer.getJsonObject("pagination");
    return p != null && p.get("total") instanceof JsonNumber n ? n.longValue() : seen;
  }

  private static boolean more(JsonObject answer) {
    JsonObject p = answer.getJsonObject("pagination");
    return p != null && p.containsKey("next") && p.get("next") != JsonValue.NULL;
  }

  /** Klarna sends empty strings for ids a line does not have (§12.3). */
  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
