package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.MarkdownReport;
import com.stepup.gateway.bench.MarkdownReport.Table;
import com.stepup.gateway.bench.chaos.Ledger.Op;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The chaos run as Markdown ({@code docs/benchmark/chaos.md}): what was done, what broke on
 * purpose, and what differed from Klarna.
 */
final class Report {

  /** The run's set-up and times (epoch milliseconds), and what the script's kill log says. */
  record Run(
      long seed,
      int workers,
      long secondsAsked,
      long started,
      long loadEnded,
      long finished,
      String kills) {}

  private final Run run;
  private final Ledger ledger;
  private final Quiet.Result q;
  private final GroundTruth truth;
  private final List<GroundTruth.Violation> violations;

  Report(
      Run run,
      Ledger ledger,
      Quiet.Result q,
      GroundTruth truth,
      List<GroundTruth.Violation> violations) {
    this.run = run;
    this.ledger = ledger;
    this.q = q;
    this.truth = truth;
    this.violations = violations;
  }

  String markdown() {
    List<Op> ops = ledger.ops();
    MarkdownReport md =
        new MarkdownReport("Chaos run")
            .paragraph(
                "Written by `./chaos.sh` (",
                ChaosRun.class.getName(),
                ") on ",
                Instant.ofEpochMilli(run.finished()).truncatedTo(ChronoUnit.SECONDS).toString(),
                ". Replay the same choices with `CHAOS_SEED=" + run.seed() + " ./chaos.sh`",
                " (the choices are seeded; how they interleave with the servers and the kills is"
                    + " not).")
            .bullets(
                "set-up: two gateway instances (Payara Micro) behind HAProxy on one PostgreSQL, the"
                    + " Klarna sandbox on a server of its own, the janitor every second"
                    + " (`PAYMENTS_JANITOR_INTERVAL_SECONDS=1`,"
                    + " `PAYMENTS_JANITOR_AUTHORIZE_RETRY_SECONDS=5`); "
                    + Runtime.getRuntime().availableProcessors()
                    + " cores shared by all",
                MarkdownReport.text(
                    "seed **%d**, %d workers, load %d s (%d s asked), then quiet in %d s%s; %d s in all",
                    run.seed(),
                    run.workers(),
                    (run.loadEnded() - run.started()) / 1000,
                    run.secondsAsked(),
                    q.quietMillis() / 1000,
                    q.quiet() ? "" : " (**not reached**)",
                    (run.finished() - run.started()) / 1000),
                MarkdownReport.text(
                    "payments: **%d** at the gateway (%d creates asked); by status %s; Klarna transactions %d by state %s",
                    q.payments().size(),
                    ledger.byReference.size(),
                    truth.byStatus,
                    truth.transactions,
                    truth.byTransactionState),
                MarkdownReport.text(
                    "partner calls: **%d** (%d replays of an Idempotency-Key); shopper actions: %d (sales the shopper completed: %d)",
                    ops.size(),
                    ops.stream().filter(Op::replay).count(),
                    ledger.shopper.size(),
                    truth.completedByShopper),
                MarkdownReport.text(
                    "faults switched on: **%d** (%d calls' worth)",
                    ledger.faults.size(),
                    ledger.faults.stream().mapToInt(Ledger.Fault::times).sum()),
                "kills: **"
                    + run.kills().lines().filter(l -> l.startsWith("kill -9")).count()
                    + "**",
                "at quiet: "
                    + q.expiredAtSandbox()
                    + " requests still open at the sandbox expired; late approvals released (Klarna"
                    + " authorized, the gateway released it; nothing held): "
                    + truth.lateApprovalsReleased,
                "**violations: " + violations.size() + "**");

    md.heading("Partner calls by kind and answer")
        .table(counted("call", ops, o -> o.kind() + (o.replay() ? ", replay" : ""), Op::label));
    md.heading("Shopper actions at the sandbox")
        .table(
            counted(
                "action",
                List.copyOf(ledger.shopper),
                Ledger.Shopper::action,
                s -> s.status() == 200 ? "200 " + s.state() : String.valueOf(s.status())));
    md.heading("Faults switched on")
        .paragraph(
            "Each hits the next 1 to 3 calls of its operation at the sandbox; `DELAY` and `TIMEOUT`"
                + " wait 0.5 to 7.5 s.")
        .table(
            counted(
                "operation",
                "kinds (times switched on)",
                List.copyOf(ledger.faults),
                Ledger.Fault::operation,
                Ledger.Fault::kind));
    md.heading("Kills");
    if (run.kills().isBlank()) {
      md.paragraph("None (the driver was run without the script).");
    } else {
      md.bullets(run.kills().lines().toList());
    }
    md.heading("Violations");
    if (violations.isEmpty()) {
      md.paragraph("None. Every payment matched Klarna's ground truth.");
    } else {
      Table table = Table.text("payment", "rule", "what differed");
      violations.forEach(v -> table.row(v.paymentId(), v.rule(), v.detail()));
      md.table(table);
    }
    return md.heading("What is checked")
        .paragraph(
            "After the load the faults are cleared, every Payment Request no shopper of the run"
                + " completed is expired at the sandbox, and the run waits until no payment and no"
                + " capture or refund is `pending`. Then every payment is compared with the"
                + " sandbox's transactions (`GET /sandbox/payment-transactions`) and Payment"
                + " Requests (Klarna's `GET …/payment/requests/{id}`):")
        .bullets(
            "at most one Klarna transaction per payment, and none for a payment the gateway does"
                + " not list;",
            "`authorized` ⇔ Klarna holds its transaction (a late approval the gateway released,"
                + " nothing left held at Klarna, is fine);",
            "the gateway's authorized, captured, refunded and `transaction_state` equal Klarna's;"
                + " captured ≤ authorized and refunded ≤ captured on both sides;",
            "no payment, capture or refund left `pending`, and nothing held (`capturable` is all"
                + " that is uncaptured);",
            "every Klarna capture and refund is one the gateway records;",
            "an Idempotency-Key replay answers the same payment, capture or refund id, one create"
                + " never makes two payments, and a payment has no more captures or refunds than"
                + " keys that asked for one;",
            "no partner answer says `failed` or `declined` for a payment Klarna authorized;",
            "a Payment Request the run completed as the shopper is never `CANCELED` at Klarna and"
                + " its payment ends `authorized`.")
        .toString();
  }

  /** A two-column table: each group (sorted) and its answers, the most frequent first. */
  private static <T> Table counted(
      String group, List<T> items, Function<T, String> groupOf, Function<T, String> answerOf) {
    return counted(group, "answers", items, groupOf, answerOf);
  }

  private static <T> Table counted(
      String group,
      String answers,
      List<T> items,
      Function<T, String> groupOf,
      Function<T, String> answerOf) {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    items.forEach(
        i ->
            ChaosRun.count(
                counts.computeIfAbsent(groupOf.apply(i), k -> new TreeMap<>()), answerOf.apply(i)));
    Table table = Table.text(group, answers);
    counts.forEach((g, a) -> table.row(g, line(a)));
    return table;
  }

  /** {@code 409 ×71, 200 canceled ×58}: the most frequent first. */
  static String line(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .map(e -> e.getKey() + " ×" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
