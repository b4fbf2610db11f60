package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.payments.MoneyByKlarnaId;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.settlements.FeePlanView;
import com.stepup.gateway.settlements.ImportResult;
import com.stepup.gateway.settlements.PayoutLineView;
import com.stepup.gateway.settlements.PayoutView;
import com.stepup.gateway.settlements.ReconciliationItemView;
import com.stepup.gateway.settlements.SettlementSummary;
import com.stepup.gateway.settlements.Settlements;
import com.stepup.gateway.settlements.TerminalDayReport;
import com.stepup.gateway.stores.Merchants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/** The module's API: reads through {@link SettlementStore}, the import through its job. */
@ApplicationScoped
class SettlementFacade implements Settlements {

  private static final Logger LOG = Logger.getLogger(SettlementFacade.class.getName());
  static final int NOTE_MAX = 1000;

  @Inject SettlementStore store;
  @Inject SettlementImport importer;
  @Inject Clock clock;
  @Inject SettlementSettings settings;
  @Inject TerminalDays terminalDays;
  @Inject MoneyLines moneyLines;
  @Inject MoneyByKlarnaId money;
  @Inject Merchants merchants;

  @Override
  public ListPage<PayoutView> payouts(
      String merchantId, Instant from, Instant to, String currency, int page, int size) {
    return store.payouts(merchantId, from, to, currency, page, size);
  }

  @Override
  public PayoutView payout(String merchantId, String payoutId) {
    return store.payout(merchantId, payoutId);
  }

  @Override
  public List<PayoutLineView> lines(String merchantId, String payoutId) {
    return store.lines(merchantId, payoutId);
  }

  @Override
  public ListPage<ReconciliationItemView> items(
      String merchantId, String state, String kind, int page, int size) {
    if (state != null && !ReconciliationItemView.STATES.contains(state)) {
      throw new InvalidInput(
          "state", "must be one of " + String.join(", ", ReconciliationItemView.STATES));
    }
    if (kind != null && !ReconciliationItemView.KINDS.contains(kind)) {
      throw new InvalidInput(
          "kind", "must be one of " + String.join(", ", ReconciliationItemView.KINDS));
    }
    return store.items(merchantId, state, kind, page, size);
  }

  @Override
  public Map<String, Long> openItemsByKind(String merchantId) {
    return store.openByKind(merchantId);
  }

  @Override
  public ReconciliationItemView resolve(String itemId, String note, String who) {
    if (note == null || note.isBlank()) {
      throw new InvalidInput("note", "is required");
    }
    if (note.length() > NOTE_MAX) {
      throw new InvalidInput("note", "must be at most " + NOTE_MAX + " characters");
    }
    ReconciliationItemView item = store.resolve(itemId, note.strip(), who, clock.instant());
    LOG.info(() -> "Reconciliation item " + itemId + " resolved by a platform admin");
    return item;
  }

  @Override
  public TerminalDayReport terminalDay(
      String merchantId, String storeReference, String terminalReference, LocalDate date) {
    return terminalDays.report(merchantId, storeReference, terminalReference, date);
  }

  @Override
  public byte[] terminalDayPdf(TerminalDayReport report) {
    return TerminalDayPdf.write(report);
  }

  @Override
  public SettlementSummary summary(String merchantId, Instant from, Instant to) {
    Map<String, Long> captured = money.capturedBetween(merchantId, from, to);
    Map<String, long[]> paid = store.paidOutBetween(merchantId, from, to);
    Set<String> currencies = new TreeSet<>(captured.keySet());
    currencies.addAll(paid.keySet());
    List<SettlementSummary.Row> rows =
        currencies.stream()
            .map(
                c -> {
                  long[] p = paid.getOrDefault(c, new long[3]);
                  return new SettlementSummary.Row(
                      c, captured.getOrDefault(c, 0L), p[0], p[1], p[2]);
                })
            .toList();
    long open = store.openByKind(merchantId).values().stream().mapToLong(Long::longValue).sum();
    return new SettlementSummary(rows, open);
  }

  @Override
  public int writeMoneyLines(
      String merchantId, Instant from, Instant to, ZoneId zone, OutputStream out)
      throws IOException {
    return moneyLines.write(merchantId, from, to, zone, out);
  }

  @Override
  public FeePlanView feePlan(String merchantId) {
    merchants.get(merchantId); // 404 for a merchant that does not exist
    return store
        .feePlan(merchantId)
        .map(MerchantFeePlan::view)
        .orElseGet(
            () -> {
              var d = settings.agreedFee();
              return new FeePlanView(merchantId, d.fixed(), d.percentBp(), false, null, null);
            });
  }

  @Override
  public FeePlanView setFeePlan(String merchantId, long fixed, long percentBp, String who) {
    merchants.get(merchantId);
    if (fixed < 0) {
      throw new InvalidInput("fixed", "must be 0 or more (minor units)");
    }
    if (percentBp < 0 || percentBp > 10_000) {
      throw new InvalidInput("percent_bp", "must be 0 to 10000 (basis points)");
    }
    FeePlanView plan = store.setFeePlan(merchantId, fixed, percentBp, who, clock.instant());
    LOG.info(() -> "Fee plan of merchant " + merchantId + " set by a platform admin");
    return plan;
  }

  @Override
  public ImportResult importNow() {
    return importer.run();
  }
}
