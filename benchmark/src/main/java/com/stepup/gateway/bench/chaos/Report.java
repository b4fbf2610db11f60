package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.chaos.Ledger.Op;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The chaos run as Markdown: what was done, what broke on purpose, and what differed from Klarna.
 */
final class Report {

  private final ChaosRun run;
  private final Quiet.Result q;
  private final GroundTruth truth;
  private final List<GroundTruth.Violation> violations;
  private final String kills;
  private final long started;
  private final long loadEnded;
  private final long finished;

  Report(
      ChaosRun run,
      Quiet.Result q,
      GroundTruth truth,
      List<GroundTruth.Violation> violations,
      String kills,
      long started,
      long loadEnded,
      long finished) {
    this.run = run;
    this.q = q;
    this.truth = truth;
    this.violations = violations;
    this.kills = kills;
    this.started = started;
    this.loadEnded = loadEnded;
    this.finished = finished;
  }

  String markdown() {
    List<Op> ops = run.ledger.ops();
    StringBuilder md = new StringBuilder();
    long killCount = kills.lines().filter(l -> l.startsWith("kill -9")).count();
    md.append("# Chaos run\n\n")
        .append("Written by `./chaos.sh` (")
        .append(ChaosRun.class.getName())
        .append(") on ")
        .append(Instant.ofEpochMilli(finished).truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append(". Replay the same choices with `CHAOS_SEED=")
        .append(run.seed)
        .append(" ./chaos.sh`")
        .append(
            " (the choices are seeded; how they interleave with the servers and the kills is not).\n\n")
        .append(
            "- set-up: two gateway instances (Payara Micro) behind HAProxy on one PostgreSQL, the Klarna")
        .append(" sandbox on a server of its own, the janitor every second")
        .append(
            " (`PAYMENTS_JANITOR_INTERVAL_SECONDS=1`, `PAYMENTS_JANITOR_AUTHORIZE_RETRY_SECONDS=5`);")
        .append(" ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores shared by all\n")
        .append("- seed **")
        .append(run.seed)
        .append("**, ")
        .append(run.workers)
        .append(" workers, load ")
        .append((loadEnded - started) / 1000)
        .append(" s (")
        .append(run.seconds)
        .append(" s asked), then quiet in ")
        .append(q.quietMillis() / 1000)
        .append(" s")
        .append(q.quiet() ? "" : " (**not reached**)")
        .append("; ")
        .append((finished - started) / 1000)
        .append(" s in all\n")
        .append("- payments: **")
        .append(q.payments().size())
        .append("** at the gateway (")
        .append(run.ledger.byReference.size())
        .append(" creates asked); by status ")
        .append(truth.byStatus)
        .append("; Klarna transactions ")
        .append(truth.transactions)
        .append(" by state ")
        .append(truth.byTransactionState)
        .append("\n- partner calls: **")
        .append(ops.size())
        .append("** (")
        .append(ops.stream().filter(Op::replay).count())
        .append(" replays of an Idempotency-Key)")
        .append("; shopper actions: ")
        .append(run.ledger.shopper.size())
        .append(" (sales the shopper completed: ")
        .append(truth.completedByShopper)
        .append(")\n")
        .append("- faults switched on: **")
        .append(run.ledger.faults.size())
        .append("** (")
        .append(run.ledger.faults.stream().mapToInt(Ledger.Fault::times).sum())
        .append(" calls' worth)\n")
        .append("- kills: **")
        .append(killCount)
        .append("**\n")
        .append("- at quiet: ")
        .append(q.expiredAtSandbox())
        .append(
            " requests still open at the sandbox expired; late approvals released (Klarna authorized,")
        .append(" the gateway released it; nothing held): ")
        .append(truth.lateApprovalsReleased)
        .append("\n")
        .append("- **violations: ")
        .append(violations.size())
        .append("**\n");

    md.append("\n## Partner calls by kind and answer\n\n| call | answers |\n| --- | --- |\n");
    Map<String, Map<String, Integer>> byKind = new TreeMap<>();
    for (Op o : ops) {
      String kind = o.kind() + (o.replay() ? ", replay" : "");
      ChaosRun.count(byKind.computeIfAbsent(kind, k -> new TreeMap<>()), o.label());
    }
    byKind.forEach(
        (kind, answers) ->
            md.append("| ").append(kind).append(" | ").append(line(answers)).append(" |\n"));

    md.append("\n## Shopper actions at the sandbox\n\n| action | answers |\n| --- | --- |\n");
    Map<String, Map<String, Integer>> shopper = new TreeMap<>();
    run.ledger.shopper.forEach(
        s ->
            ChaosRun.count(
                shopper.computeIfAbsent(s.action(), k -> new TreeMap<>()),
                s.status() == 200 ? "200 " + s.state() : String.valueOf(s.status())));
    shopper.forEach(
        (a, answers) ->
            md.append("| ").append(a).append(" | ").append(line(answers)).append(" |\n"));

    md.append(
            "\n## Faults switched on\n\nEach hits the next 1 to 3 calls of its operation at the sandbox;")
        .append(
            " `DELAY` and `TIMEOUT` wait 0.5 to 7.5 s.\n\n| operation | kinds (times switched on) |\n| --- | --- |\n");
    Map<String, Map<String, Integer>> faults = new TreeMap<>();
    run.ledger.faults.forEach(
        f -> ChaosRun.count(faults.computeIfAbsent(f.operation(), k -> new TreeMap<>()), f.kind()));
    faults.forEach(
        (op, kinds) -> md.append("| ").append(op).append(" | ").append(line(kinds)).append(" |\n"));

    md.append("\n## Kills\n\n");
    if (kills.isBlank()) {
      md.append("None (the driver was run without the script).\n");
    } else {
      kills.lines().forEach(l -> md.append("- ").append(l).append("\n"));
    }

    md.append("\n## Violations\n\n");
    if (violations.isEmpty()) {
      md.append("None. Every payment matched Klarna's ground truth.\n");
    } else {
      md.append("| payment | rule | what differed |\n| --- | --- | --- |\n");
      violations.forEach(
          v ->
              md.append("| ")
                  .append(v.paymentId())
                  .append(" | ")
                  .append(v.rule())
                  .append(" | ")
                  .append(v.detail().replace("|", "\\|"))
                  .append(" |\n"));
    }
    md.append("\n## What is checked\n\n")
        .append(
            "After the load the faults are cleared, every Payment Request no shopper of the run completed")
        .append(
            " is expired at the sandbox, and the run waits until no payment and no capture or refund is")
        .append(" `pending`. Then every payment is compared with the sandbox's transactions")
        .append(
            " (`GET /sandbox/payment-transactions`) and Payment Requests (Klarna's `GET …/payment/requests/{id}`):\n\n")
        .append(
            "- at most one Klarna transaction per payment, and none for a payment the gateway does not list;\n")
        .append(
            "- `authorized` ⇔ Klarna holds its transaction (a late approval the gateway released, nothing")
        .append(" left held at Klarna, is fine);\n")
        .append(
            "- the gateway's authorized, captured, refunded and `transaction_state` equal Klarna's;")
        .append(" captured ≤ authorized and refunded ≤ captured on both sides;\n")
        .append(
            "- no payment, capture or refund left `pending`, and nothing held (`capturable` is all that is uncaptured);\n")
        .append("- every Klarna capture and refund is one the gateway records;\n")
        .append(
            "- an Idempotency-Key replay answers the same payment, capture or refund id, one create never makes two")
        .append(
            " payments, and a payment has no more captures or refunds than keys that asked for one;\n")
        .append(
            "- no partner answer says `failed` or `declined` for a payment Klarna authorized;\n")
        .append(
            "- a Payment Request the run completed as the shopper is never `CANCELED` at Klarna and its payment")
        .append(" ends `authorized`.\n");
    return md.toString();
  }

  private static String line(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .map(e -> e.getKey() + " ×" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
