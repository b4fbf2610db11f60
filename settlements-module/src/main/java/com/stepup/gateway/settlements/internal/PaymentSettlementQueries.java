package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.payments.MoneyByKlarnaId;
import com.stepup.gateway.payments.PaymentSettlementView;
import com.stepup.gateway.payments.PaymentSettlements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Payments' {@code settlement}: their captures and refunds against the payouts' lines. */
@ApplicationScoped
class PaymentSettlementQueries implements PaymentSettlements {

  @Inject MoneyByKlarnaId money;
  @Inject SettlementStore store;

  @Override
  public Map<String, PaymentSettlementView> of(Collection<String> paymentIds) {
    List<String> ids = paymentIds.stream().distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    return PaymentSettlementSummary.of(money.ofPayments(ids), store.linesOfPayments(ids));
  }
}
