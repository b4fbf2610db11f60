package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentSettlementView;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.settlements.TerminalDayReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a till's day, decided without a database: counts by how each sale ended, and per
 * currency the money moved (captured, refunded, net), what is left open (authorizations not yet
 * captured; sales the shopper approved whose final authorization is still to come) and what Klarna
 * has settled of them so far.
 */
final class TerminalDayFigures {

  private TerminalDayFigures() {}

  record Figures(TerminalDayReport.Sales sales, List<TerminalDayReport.CurrencyDay> currencies) {}

  static Figures of(List<PaymentView> payments, Map<String, PaymentSettlementView> settled) {
    long[] counts = new long[7];
    Map<String, long[]> byCurrency = new TreeMap<>();
    for (PaymentView p : payments) {
      counts[0]++;
      switch (p.status()) {
        case AUTHORIZED -> counts[1]++;
        case DECLINED -> counts[2]++;
        case EXPIRED -> counts[3]++;
        case CANCELED -> counts[4]++;
        case FAILED -> counts[5]++;
        default -> counts[6]++;
      }
      long[] c = byCurrency.computeIfAbsent(p.currency(), k -> new long[12]);
      PaymentView.Amounts a = p.amounts();
      c[0] += a.captured();
      c[1] += a.refunded();
      if (p.status() == PaymentStatus.AUTHORIZED
          && a.capturable() > 0
          && "AUTHORIZED".equals(p.klarna().transactionState())) {
        c[2]++;
        c[3] += a.capturable();
      }
      if (p.status() == PaymentStatus.PENDING
          && p.klarna().state() == PaymentRequestState.COMPLETED) {
        c[4]++;
        c[5] += p.amount();
      }
      PaymentSettlementView s = settled.get(p.id());
      if (s != null) {
        c[6] += s.captures().size();
        for (PaymentSettlementView.Move m : s.captures()) {
          if (m.settled()) {
            c[7]++;
            c[8] += m.settledAmount();
          }
        }
        for (PaymentSettlementView.Move m : s.refunds()) {
          if (m.settled()) {
            c[9] += m.settledAmount();
          }
        }
        c[10] += s.fees();
      }
    }
    List<TerminalDayReport.CurrencyDay> currencies = new ArrayList<>();
    byCurrency.forEach(
        (currency, c) ->
            currencies.add(
                new TerminalDayReport.CurrencyDay(
                    currency,
                    c[0],
                    c[1],
                    c[0] - c[1],
                    c[2],
                    c[3],
                    c[4],
                    c[5],
                    c[6],
                    c[7],
                    c[8],
                    c[9],
                    c[10],
                    c[8] + c[9] + c[10])));
    return new Figures(
        new TerminalDayReport.Sales(
            counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]),
        List.copyOf(currencies));
  }
}
