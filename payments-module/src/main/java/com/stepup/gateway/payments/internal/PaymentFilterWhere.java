package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.MoneyStatus;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentStatus;
import java.util.List;
import java.util.Map;

/**
 * A {@link PaymentFilter} as JPQL over {@code Payment p}: one WHERE for the list, its totals and
 * the movements between dates, so a filtered list and the figures above it always agree.
 */
final class PaymentFilterWhere {

  private PaymentFilterWhere() {}

  /** The filter as a JPQL WHERE, its values put in {@code params}; null when nothing can match. */
  static String where(String merchantId, PaymentFilter f, Map<String, Object> params) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (merchantId != null) {
      where.append(" AND p.merchantId = :merchant");
      params.put("merchant", merchantId);
    }
    if (f.reference() != null) {
      where.append(" AND p.reference = :reference");
      params.put("reference", f.reference());
    }
    if (f.status() != null) {
      where.append(" AND p.status = :status");
      params.put("status", f.status());
    }
    if (f.storeReference() != null) {
      where.append(" AND p.storeReference = :store");
      params.put("store", f.storeReference());
    }
    if (f.withinStores() != null) {
      if (f.withinStores().isEmpty()) {
        return null;
      }
      where.append(" AND p.storeReference IN :stores");
      params.put("stores", List.copyOf(f.withinStores()));
    }
    if (f.terminalReference() != null) {
      where.append(" AND p.terminalReference = :terminal");
      params.put("terminal", f.terminalReference());
    }
    if (f.createdFrom() != null) {
      where.append(" AND p.createdAt >= :from");
      params.put("from", f.createdFrom());
    }
    if (f.createdTo() != null) {
      where.append(" AND p.createdAt < :to");
      params.put("to", f.createdTo());
    }
    if (f.query() != null) {
      SearchTerms terms = SearchTerms.of(f.query());
      where.append(
          " AND (p.reference = :q OR p.id = :q OR p.request.id = :q OR p.transactionId = :q"
              + " OR LOWER(p.reference) LIKE :qWord ESCAPE '!'");
      params.put("q", f.query());
      params.put("qWord", terms.inside());
      if (terms.klarnaUuid() != null) {
        // Klarna's ids end in a UUID ("krn:payment:eu1:payment-request:<uuid>"): a bare one finds
        // it
        where.append(" OR p.request.id LIKE :qUuid OR p.transactionId LIKE :qUuid");
        params.put("qUuid", "%:" + terms.klarnaUuid());
      }
      int i = 0;
      for (var amount : terms.amounts()) {
        where.append(" OR (p.amount = :qa" + i + " AND p.currency IN :qc" + i + ")");
        params.put("qa" + i, amount.minor());
        params.put("qc" + i, amount.currencies());
        i++;
      }
      where.append(")");
    }
    if (f.method() != null) {
      Payment.Method method;
      try {
        method = Payment.Method.valueOf(f.method());
      } catch (IllegalArgumentException e) {
        return null;
      }
      where.append(" AND p.method = :method");
      params.put("method", method);
    }
    if (f.uncapturedExpiringBefore() != null) {
      where.append(
          " AND p.status = :authorizedStatus AND p.settlement.transactionState = :authorizedState"
              + " AND p.settlement.authorizationExpiresAt < :expiringBefore"
              + " AND p.settlement.captured + p.settlement.released < p.amount");
      params.put("authorizedStatus", PaymentStatus.AUTHORIZED);
      params.put("authorizedState", KlarnaTransaction.AUTHORIZED);
      params.put("expiringBefore", f.uncapturedExpiringBefore());
    }
    if (f.moneyStatus() != null) {
      where.append(" AND ").append(moneyStatusWhere(f.moneyStatus()));
      params.put("msAuthorized", PaymentStatus.AUTHORIZED);
    }
    return where.toString();
  }

  /**
   * {@link MoneyStatus#of} as JPQL: the same rules over the same columns, so a filtered list and
   * the badges on it agree.
   */
  static String moneyStatusWhere(MoneyStatus wanted) {
    String held = "p.status = :msAuthorized AND p.transactionId IS NOT NULL AND p.amount > 0";
    String c = "p.settlement.captured";
    String r = "p.settlement.refunded";
    String rel = "p.settlement.released";
    String state = "p.settlement.transactionState";
    return switch (wanted) {
      case NONE -> "(p.status <> :msAuthorized OR p.transactionId IS NULL OR p.amount <= 0)";
      case REFUNDED -> "(" + held + " AND " + r + " > 0 AND " + r + " >= " + c + ")";
      case PARTIALLY_REFUNDED -> "(" + held + " AND " + r + " > 0 AND " + r + " < " + c + ")";
      case PARTIALLY_CAPTURED ->
          "("
              + held
              + " AND "
              + r
              + " = 0 AND "
              + c
              + " > 0 AND "
              + c
              + " + "
              + rel
              + " < p.amount AND ("
              + state
              + " IS NULL OR "
              + state
              + " = 'AUTHORIZED'))";
      case CAPTURED ->
          "("
              + held
              + " AND "
              + r
              + " = 0 AND "
              + c
              + " > 0 AND ("
              + c
              + " + "
              + rel
              + " >= p.amount OR ("
              + state
              + " IS NOT NULL AND "
              + state
              + " <> 'AUTHORIZED')))";
      case RELEASED ->
          "(" + held + " AND " + c + " = 0 AND (" + rel + " > 0 OR " + state + " = 'CLOSED'))";
      case EXPIRED_UNCAPTURED ->
          "(" + held + " AND " + c + " = 0 AND " + rel + " = 0 AND " + state + " = 'EXPIRED')";
      case UNCAPTURED ->
          "("
              + held
              + " AND "
              + c
              + " = 0 AND "
              + rel
              + " = 0 AND ("
              + state
              + " IS NULL OR "
              + state
              + " NOT IN ('EXPIRED', 'CLOSED')))";
    };
  }
}
