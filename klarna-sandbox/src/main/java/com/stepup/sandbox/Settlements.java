package com.stepup.sandbox;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Settlement runs and payouts (KLARNA-API.md §12, §13 items 10–13). A run takes every open ledger
 * line, groups them by partner account and currency, and pays each group whose sum is above 0 out
 * as one payout with its own {@code payment_reference}; a group whose sum is 0 or less is carried
 * forward: its lines stay open and go into the next payout of that account and currency, which
 * names what it carried in as {@code opening_debt_balance_amount}. A run happens every day on the
 * sandbox clock (at the first tick of a new UTC day) and on {@code POST /sandbox/settlements/run}.
 *
 * <p>Invariants (tested in {@code SettlementsTest}): a line is settled into one payout at most; a
 * payout's lines share its account and currency; its {@code settlement_amount} is the sum of its
 * lines and equals the §12.3 formula over its totals.
 */
@ApplicationScoped
public class Settlements {

  private static final Logger LOG = Logger.getLogger(Settlements.class.getName());

  /** Payouts older than this (sandbox time) are forgotten with their lines, as SFTP's 90 days. */
  static final Duration RETENTION = Duration.ofDays(90);

  /** What the UNKNOWN_LINE fault adds. */
  static final long UNKNOWN_SALE_AMOUNT = 1000;

  static final Set<String> FAULTS = Set.of("DROP_LINE", "CHANGE_AMOUNT", "UNKNOWN_LINE");

  private final SandboxClock clock;
  private final Ledger ledger;

  /** One payout: its figures and its lines' ids are fixed when it is made. */
  record Payout(
      String paymentReference,
      String account,
      String currency,
      Instant payoutDate,
      long openingDebt,
      Map<String, Long> totals,
      long settlementAmount,
      int lineCount) {}

  private final Map<String, Payout> payouts = new LinkedHashMap<>();

  /** Faults for the next runs: kind → runs left. */
  private final Map<String, Integer> faults = new LinkedHashMap<>();

  /** The negative balance carried forward per account and currency, as of the last run. */
  private final Map<String, Long> carried = new LinkedHashMap<>();

  private LocalDate lastRunDay;
  private ScheduledExecutorService daily;

  @Inject
  Settlements(SandboxClock clock, Ledger ledger) {
    this.clock = clock;
    this.ledger = ledger;
  }

  /** For CDI's client proxy only. */
  protected Settlements() {
    this(null, null);
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    daily = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sandbox-settlements"));
    daily.scheduleWithFixedDelay(this::runIfDue, 1, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (daily != null) {
      daily.shutdownNow();
    }
  }

  /** The daily run: once the sandbox clock is on a new UTC day since the last run. */
  void runIfDue() {
    try {
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      synchronized (this) {
        if (lastRunDay == null) {
          lastRunDay = today;
          return;
        }
        if (!today.isAfter(lastRunDay)) {
          return;
        }
      }
      run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Sandbox settlement run failed", e);
    }
  }

  /** Settles every open line now; answers the payouts made and what was carried forward. */
  public synchronized JsonObject run() {
    Instant now = clock.instant();
    lastRunDay = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<Ledger.Line> open = new ArrayList<>(ledger.open());
    applyFaults(open);
    Map<String, List<Ledger.Line>> groups =
        open.stream()
            .collect(
                Collectors.groupingBy(
                    l -> l.account + "|" + l.currency, LinkedHashMap::new, Collectors.toList()));
    var made = Json.createArrayBuilder();
    var forward = Json.createArrayBuilder();
    for (var group : groups.entrySet()) {
      List<Ledger.Line> lines = group.getValue();
      long sum = lines.stream().mapToLong(l -> l.amount).sum();
      Ledger.Line first = lines.get(0);
      if (sum <= 0) {
        carried.put(group.getKey(), sum);
        forward.add(
            Json.createObjectBuilder()
                .add("merchant_id", first.account)
                .add("currency_code", first.currency)
                .add("balance", sum)
                .add("line_count", lines.size()));
        continue;
      }
      long openingDebt = -carried.getOrDefault(group.getKey(), 0L);
      carried.remove(group.getKey());
      String reference = paymentReference(now);
      ledger.settle(lines, reference);
      Map<String, Long> totals = totals(lines);
      Payout payout =
          new Payout(
              reference,
              first.account,
              first.currency,
              now,
              openingDebt,
              totals,
              settlementAmount(totals),
              lines.size());
      if (payout.settlementAmount() != sum) {
        throw new IllegalStateException("totals formula disagrees with the lines' sum");
      }
      payouts.put(reference, payout);
      made.add(reference);
    }
    forget(now.minus(RETENTION));
    return Json.createObjectBuilder()
        .add("payouts", made)
        .add("carried_forward", forward)
        .add("run_at", PaymentRequest.iso(now))
        .build();
  }

  /**
   * The faults for this run, each applied once per run: DROP_LINE takes the newest SALE and its FEE
   * and TAX out of the ledger for good; CHANGE_AMOUNT adds 1 to the newest SALE; UNKNOWN_LINE adds
   * a SALE for a capture nobody made, in the account and currency of the newest open line. A run
   * with no open line uses none of them.
   */
  private void applyFaults(List<Ledger.Line> open) {
    if (open.isEmpty() || faults.isEmpty()) {
      return;
    }
    for (String kind : List.copyOf(faults.keySet())) {
      // the ledger keeps lines in the order written: the newest SALE is the last one
      Ledger.Line newestSale = null;
      for (Ledger.Line l : open) {
        if ("SALE".equals(l.type)) {
          newestSale = l;
        }
      }
      Ledger.Line sale = newestSale;
      switch (kind) {
        case "DROP_LINE" -> {
          if (newestSale == null) {
            continue;
          }
          List<Ledger.Line> gone =
              open.stream()
                  .filter(
                      l ->
                          l == sale
                              || (sale.captureId.equals(l.captureId)
                                  && ("FEE".equals(l.type) || "TAX".equals(l.type))))
                  .toList();
          ledger.drop(gone);
          open.removeAll(gone);
        }
        case "CHANGE_AMOUNT" -> {
          if (newestSale == null) {
            continue;
          }
          ledger.changeAmount(newestSale, 1);
        }
        case "UNKNOWN_LINE" -> {
          Ledger.Line newest = open.get(open.size() - 1);
          ledger.addUnknownSale(newest.account, newest.currency, UNKNOWN_SALE_AMOUNT);
          open.clear();
          open.addAll(ledger.open());
        }
        default -> throw new IllegalStateException(kind);
      }
      int left = faults.get(kind) - 1;
      if (left <= 0) {
        faults.remove(kind);
      } else {
        faults.put(kind, left);
      }
    }
  }

  /** The v1 totals (§12.3), each a magnitude in minor units; the formula signs them. */
  static Map<String, Long> totals(List<Ledger.Line> lines) {
    Map<String, Long> t = new LinkedHashMap<>();
    for (String name :
        List.of(
            "sale_amount",
            "fee_amount",
            "return_amount",
            "reversal_amount",
            "commission_amount",
            "holdback_amount",
            "release_amount",
            "repay_amount",
            "charge_amount",
            "credit_amount",
            "fee_refund_amount",
            "tax_refund_amount",
            "deposit_amount",
            "opening_debt_balance_amount",
            "closing_debt_balance_amount",
            "tax_amount")) {
      t.put(name, 0L);
    }
    for (Ledger.Line l : lines) {
      String key =
          switch (l.type) {
            case "SALE" -> "sale_amount";
            case "FEE" -> "fee_amount";
            case "TAX" -> "tax_amount";
            case "RETURN" -> "return_amount";
            case "REVERSAL" -> "reversal_amount";
            case "HOLDBACK" -> "holdback_amount";
            case "RELEASE" -> "release_amount";
            case "FEE_REFUND" -> "fee_refund_amount";
            case "CHARGE" -> "charge_amount";
            case "CREDIT" -> "credit_amount";
            case "COMMISSION" -> "commission_amount";
            default -> throw new IllegalStateException("no total for " + l.type);
          };
      // magnitudes: what adds to the balance and what is taken from it are both shown positive
      t.merge(key, Math.abs(l.amount), Long::sum);
    }
    return t;
  }

  /**
   * {@code total_settlement_amount} = + sale − return − reversal − fee + fee_correction +
   * commission − commission_reversal − tax − charge + credit − repay − holdback + release +
   * fee_refund (§12.3; KLARNA-API.md).
   */
  static long settlementAmount(Map<String, Long> t) {
    return t.get("sale_amount")
        - t.get("return_amount")
        - t.get("reversal_amount")
        - t.get("fee_amount")
        + t.get("commission_amount")
        - t.get("tax_amount")
        - t.get("charge_amount")
        + t.get("credit_amount")
        - t.get("repay_amount")
        - t.get("holdback_amount")
        + t.get("release_amount")
        + t.get("fee_refund_amount");
  }

  public synchronized void addFault(String kind, int times) {
    if (!FAULTS.contains(kind)) {
      throw KlarnaError.validation("kind", "must be one of " + FAULTS);
    }
    if (times < 1) {
      throw KlarnaError.validation("times", "must be at least 1");
    }
    faults.merge(kind, times, Integer::sum);
  }

  public synchronized void clearFaults() {
    faults.clear();
  }

  public synchronized JsonArray faults() {
    var list = Json.createArrayBuilder();
    faults.forEach(
        (kind, times) ->
            list.add(Json.createObjectBuilder().add("kind", kind).add("times", times)));
    return list.build();
  }

  /** The payouts {@code account} may see (null: the acquirer, every account), oldest first. */
  synchronized List<Payout> payouts(String account) {
    return payouts.values().stream()
        .filter(p -> account == null || p.account().equals(account))
        .toList();
  }

  synchronized Payout payout(String account, String paymentReference) {
    Payout p = payouts.get(paymentReference);
    return p == null || (account != null && !p.account().equals(account)) ? null : p;
  }

  private void forget(Instant before) {
    Set<String> old =
        payouts.values().stream()
            .filter(p -> p.payoutDate().isBefore(before))
            .map(Payout::paymentReference)
            .collect(Collectors.toSet());
    if (!old.isEmpty()) {
      payouts.keySet().removeAll(old);
      ledger.forget(old);
    }
  }

  private static String paymentReference(Instant now) {
    return "PR-"
        + LocalDate.ofInstant(now, ZoneOffset.UTC).toString().replace("-", "")
        + "-"
        + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
  }
}
