package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.disputes.DisputesByKlarnaId;
import com.stepup.gateway.klarna.KlarnaSettlements;
import com.stepup.gateway.payments.MoneyByKlarnaId;
import com.stepup.gateway.platform.Ids;
import com.stepup.gateway.settlements.ImportResult;
import com.stepup.gateway.stores.Merchants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * One import of Klarna's payouts (ADR 0020). Under the import's lease (one instance at a time):
 *
 * <ol>
 *   <li>Klarna's payouts are listed from a week before the newest one stored; each payout of a
 *       known merchant not yet complete is stored once, then its transactions page by page after
 *       the lines already stored (resumable), each page matched and stored in one transaction;
 *   <li>the captures made before the cut-off ({@code settlements.not-settled-after-days} before the
 *       later of now and the newest payout's date: Klarna's clock may be ahead of ours) and not
 *       checked yet are checked: those no SALE settles open {@code not_settled}.
 * </ol>
 *
 * Klarna is called outside any transaction; its 5xx and time-outs are retried with backoff by the
 * client, and an import that fails leaves its lease and is run again at the next interval (or when
 * Klarna's next {@code settlement.report.created} arrives, {@link SettlementReports}).
 */
@ApplicationScoped
class SettlementImport {

  private static final Logger LOG = Logger.getLogger(SettlementImport.class.getName());
  static final Duration LEASE = Duration.ofMinutes(30);
  static final int PAYOUT_PAGE = 100;
  static final int LINE_PAGE = KlarnaSettlements.MAX_PAGE;
  static final int CAPTURE_BATCH = 500;

  private final String owner = "import-" + Ids.random(9);

  @Inject KlarnaSettlements klarna;
  @Inject SettlementStore store;
  @Inject MoneyByKlarnaId money;
  @Inject DisputesByKlarnaId disputes;
  @Inject Merchants merchants;
  @Inject SettlementSettings settings;
  @Inject Clock clock;

  /**
   * One import. Imports on this instance wait for each other (the daily job, an admin's, one a
   * {@code settlement.report.created} asked for): the lease below is per instance, and a second run
   * of the same owner would otherwise import beside the first.
   */
  synchronized ImportResult run() {
    if (!store.claim(owner, clock.instant(), LEASE)) {
      LOG.info("Settlement import: another instance is importing");
      return new ImportResult(false, 0, 0, 0, 0);
    }
    String failure = null;
    try {
      int[] counts = new int[4];
      importPayouts(counts);
      counts[2] += checkNotSettled();
      LOG.info(
          () ->
              "Settlement import: "
                  + counts[0]
                  + " payouts, "
                  + counts[1]
                  + " lines, "
                  + counts[2]
                  + " items opened, "
                  + counts[3]
                  + " resolved");
      return new ImportResult(true, counts[0], counts[1], counts[2], counts[3]);
    } catch (RuntimeException e) {
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      throw e;
    } finally {
      store.release(owner, clock.instant(), failure);
    }
  }

  private void importPayouts(int[] counts) {
    Instant from = store.newestPayoutDate().map(d -> d.minus(Duration.ofDays(7))).orElse(null);
    int offset = 0;
    while (true) {
      var page = klarna.payouts(from, offset, PAYOUT_PAGE);
      for (KlarnaSettlements.Payout p : page.items()) {
        if (importPayout(p, counts)) {
          counts[0]++;
        }
      }
      offset += page.items().size();
      if (!page.more() || page.items().isEmpty()) {
        return;
      }
    }
  }

  /** Stores one payout and its lines, after those stored before; true when it did any work. */
  private boolean importPayout(KlarnaSettlements.Payout p, int[] counts) {
    var stored = store.stored(p.paymentReference());
    if (stored.map(SettlementStore.Stored::complete).orElse(false)) {
      return false;
    }
    var merchant = merchants.findByPartnerAccount(Objects.toString(p.partnerAccountId(), ""));
    if (merchant.isEmpty()) {
      LOG.warning(
          () -> "Settlement import: payout " + p.paymentReference() + " of an unknown account");
      return false;
    }
    String payoutId =
        stored
            .map(SettlementStore.Stored::id)
            .orElseGet(() -> store.begin(p, merchant.get().id(), clock.instant()));
    int seq = stored.map(SettlementStore.Stored::lineCount).orElse(0);
    LineMatching.FeePlan plan =
        store
            .feePlan(merchant.get().id())
            .map(MerchantFeePlan::plan)
            .orElseGet(settings::agreedFee);
    while (true) {
      var page = klarna.transactions(p.paymentReference(), seq, LINE_PAGE);
      if (!page.items().isEmpty()) {
        List<String> ids = new ArrayList<>();
        List<String> disputeIds = new ArrayList<>();
        page.items()
            .forEach(
                t -> {
                  ids.add(t.captureId());
                  ids.add(t.refundId());
                  disputeIds.add(t.disputeId());
                });
        var known = money.byKlarnaIds(ids);
        var disputed =
            disputeIds.stream().allMatch(Objects::isNull)
                ? Map.<String, DisputesByKlarnaId.KnownDispute>of()
                : disputes.byKlarnaIds(disputeIds);
        var result =
            store.storeLines(payoutId, seq, page.items(), known, disputed, plan, clock.instant());
        counts[1] += result.lines();
        counts[2] += result.opened();
        counts[3] += result.resolved();
        seq += page.items().size();
      }
      if (!page.more() || page.items().isEmpty()) {
        break;
      }
    }
    store.complete(payoutId);
    return true;
  }

  /** Opens {@code not_settled} for captures past the cut-off that no SALE has settled. */
  private int checkNotSettled() {
    Instant now = clock.instant();
    Instant klarnaNow = store.newestPayoutDate().filter(d -> d.isAfter(now)).orElse(now);
    Instant cutoff = klarnaNow.minus(settings.notSettledAfter());
    Instant after = store.capturesCheckedUntil().orElse(Instant.EPOCH);
    int opened = 0;
    while (after.isBefore(cutoff)) {
      var captures = money.capturesBetween(after, cutoff, CAPTURE_BATCH);
      boolean last = captures.size() < CAPTURE_BATCH;
      Instant mark = last ? cutoff : captures.get(captures.size() - 1).at();
      opened += store.notSettled(captures, mark, now);
      if (last || !mark.isAfter(after)) {
        break;
      }
      after = mark;
    }
    return opened;
  }
}
