package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentSettlements;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.settlements.TerminalDayReport;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.StoreDirectory;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.Stores;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gathers a till's day (issue 27): the terminal of the merchant's store, the day's bounds in the
 * merchant's time zone, the sales started at the terminal in it (read page by page through the
 * payments API) and their settlement; {@link TerminalDayFigures} does the sums.
 */
@ApplicationScoped
class TerminalDays {

  static final int PAGE = 100;

  /** A day at one till is bounded; more sales than this are not a till's day. */
  static final int MAX_PAYMENTS = 20_000;

  @Inject Payments payments;
  @Inject PaymentSettlements settlements;
  @Inject StoreDirectory stores;
  @Inject Stores storeTerminals;

  TerminalDayReport report(
      String merchantId, String storeReference, String terminalReference, LocalDate date) {
    StoreView store =
        stores
            .store(merchantId, storeReference)
            .filter(s -> s.storeReference().equals(storeReference))
            .orElseThrow(() -> new NotFound("Store " + storeReference));
    TerminalView terminal =
        storeTerminals.terminals(merchantId, store.id()).stream()
            .filter(t -> t.terminalReference().equals(terminalReference))
            .findFirst()
            .orElseThrow(() -> new NotFound("Terminal " + terminalReference));
    ZoneId zone = zone(stores.merchant(merchantId).orElse(null));
    Instant from = date.atStartOfDay(zone).toInstant();
    Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
    PaymentFilter filter =
        new PaymentFilter(null, null, storeReference, terminalReference, from, to);
    List<PaymentView> sales = new ArrayList<>();
    for (int page = 0; sales.size() < MAX_PAYMENTS; page++) {
      var found = payments.list(merchantId, filter, page, PAGE);
      sales.addAll(found.items());
      if (found.items().size() < PAGE || sales.size() >= found.total()) {
        break;
      }
    }
    List<String> moved =
        sales.stream()
            .filter(p -> p.amounts().captured() > 0 || p.amounts().refunded() > 0)
            .map(PaymentView::id)
            .toList();
    var figures = TerminalDayFigures.of(sales, moved.isEmpty() ? Map.of() : settlements.of(moved));
    return new TerminalDayReport(
        merchantId,
        storeReference,
        terminalReference,
        terminal.name(),
        date,
        zone.getId(),
        from,
        to,
        figures.sales(),
        figures.currencies());
  }

  static ZoneId zone(MerchantView merchant) {
    try {
      return merchant == null ? ZoneId.of("UTC") : merchant.zone();
    } catch (RuntimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
