package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seeded fault simulation of the payments core (issue 33, docs/simulation.md): {@code
 * -Dsimulation.histories=N} histories (2,000 by default) from seed {@code simulation.first-seed}
 * (1), or the one history {@code -Dsimulation.seed=S}. A failing history is shrunk to the shortest
 * list of its steps that still breaks the same rule, and printed with its seed.
 */
class PaymentsSimulationTest {

  private static final Logger PAYMENTS = Logger.getLogger("com.stepup.gateway.payments");
  private static Level before;

  @BeforeAll
  static void quiet() {
    before = PAYMENTS.getLevel();
    PAYMENTS.setLevel(Level.OFF); // alarms are expected by the thousand; the invariants judge
  }

  @AfterAll
  static void loud() {
    PAYMENTS.setLevel(before);
  }

  /** One history's outcome. */
  record Outcome(long seed, List<String> violations, SimHistory history) {}

  static Outcome run(long seed, List<SimHistory.Step> steps) {
    return run(seed, steps, false);
  }

  static Outcome run(long seed, List<SimHistory.Step> steps, boolean traced) {
    SimHistory h = new SimHistory(seed);
    if (traced) {
      h.klarna.trace = new ArrayList<>();
    }
    List<String> violations = h.play(steps);
    return new Outcome(seed, List.copyOf(violations), h);
  }

  @Test
  void everyHistoryKeepsTheInvariants() {
    String one = System.getProperty("simulation.seed");
    int histories = Integer.getInteger("simulation.histories", 2000);
    long first = Long.getLong("simulation.first-seed", 1L);
    List<Long> seeds = new ArrayList<>();
    if (one != null && !one.isBlank()) {
      seeds.add(Long.parseLong(one.strip()));
    } else {
      for (long s = first; s < first + histories; s++) {
        seeds.add(s);
      }
    }
    long started = System.nanoTime();
    var threads = ManagementFactory.getThreadMXBean();
    long cpuStarted = threads.getCurrentThreadCpuTime();
    Map<String, Long> firstSeedByRule = new LinkedHashMap<>();
    Map<String, Integer> countByRule = new LinkedHashMap<>();
    long steps = 0;
    long crashes = 0;
    long lateCrashes = 0;
    long faults = 0;
    long payments = 0;
    long operations = 0;
    long windows = 0;
    long beyondReach = 0;
    int failed = 0;
    for (long seed : seeds) {
      Outcome o = run(seed, SimHistory.generate(seed));
      steps += o.history().steps;
      crashes += o.history().crashes;
      lateCrashes += o.history().lateCrashes;
      faults += o.history().faultsHit;
      payments += o.history().store.payments.size();
      operations += o.history().store.operations.size();
      windows +=
          o.history().klarna.requests.values().stream().filter(pr -> pr.windowCancel).count();
      beyondReach += o.history().beyondReach;
      if (!o.violations().isEmpty()) {
        failed++;
        String rule = Invariants.rule(o.violations().get(0));
        firstSeedByRule.putIfAbsent(rule, seed);
        countByRule.merge(rule, 1, Integer::sum);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
    System.out.printf(
        "quiet ends took %.1f s; CPU %.1f s of %.1f s%n",
        SimHistory.quietNanos / 1e9, cpu, seconds);
    System.out.printf(
        "Simulation: %d histories, %d steps, %d payments, %d operations, %d Klarna faults, %d"
            + " crashes (%d past a step's 6th interaction), %d cancels in Klarna's open window, %d transactions beyond the gateway's"
            + " reach (alarmed); %d failed; %.1f s%n",
        seeds.size(),
        steps,
        payments,
        operations,
        faults,
        crashes,
        lateCrashes,
        windows,
        beyondReach,
        failed,
        seconds);
    StringBuilder report = new StringBuilder();
    firstSeedByRule.forEach(
        (rule, seed) -> {
          report
              .append("\n\n")
              .append(rule)
              .append(": ")
              .append(countByRule.get(rule))
              .append(" histories, first seed ")
              .append(seed)
              .append(" (replay: -Dsimulation.seed=")
              .append(seed)
              .append(")\n");
          report.append(shrunk(seed, rule));
        });
    if (report.length() > 0) {
      System.out.println(report);
    }
    assertThat(failed)
        .as(
            "histories that broke an invariant (known open findings: docs/simulation-findings.md):%s",
            report)
        .isZero();
  }

  // -- the first findings, on the code before main's fixes of 5 December (all pass since) ---------

  /**
   * Approved sale canceled by a partner cancel: the shopper completed (its webhook not yet here)
   * and the partner's cancel sent a DELETE without reading first. Replayed today, the cancel reads
   * the request COMPLETED and answers 409.
   */
  @Test
  void seed5() {
    assertKeepsTheInvariants(5);
  }

  /**
   * Approved sale canceled by a new sale's supersede: its read before the cancel failed and the
   * DELETE was sent blind.
   */
  @Test
  void seed6() {
    assertKeepsTheInvariants(6);
  }

  /**
   * Approved sale canceled by a partner's replay: a cancel answered 503 (not kept by the key's
   * filter), the shopper completed, and the retry sent the DELETE again without reading.
   */
  @Test
  void seed629() {
    assertKeepsTheInvariants(629);
  }

  /**
   * State differs: an in-store sale approved with an answer that names no state (as Klarna
   * documents it), its COMPLETED webhook lost: recorded AUTHORIZED while Klarna holds COMPLETED.
   */
  @Test
  void seed27() {
    assertKeepsTheInvariants(27);
  }

  /** Held amounts: an operator's capture of -25,805 from the console was held. */
  @Test
  void seed798() {
    assertKeepsTheInvariants(798);
  }

  // -- F1 to F5, fixed on main after the simulation landed ---------------------------------------

  /**
   * F1 (and F5): an unanswered authorize sent again after Klarna forgot its key made a second
   * transaction; a transaction event for a transaction the gateway never heard of was dropped.
   */
  @Test
  void seed153() {
    assertKeepsTheInvariants(153);
  }

  /** F1: the same root, counted first as an approved sale lost. */
  @Test
  void seed3562() {
    assertKeepsTheInvariants(3562);
  }

  /**
   * F2: told failed while Klarna authorized: an unknown final authorization after the token's hour.
   */
  @Test
  void seed491() {
    assertKeepsTheInvariants(491);
  }

  /** F3: state differs: an operation re-sent after Klarna forgot its key. */
  @Test
  void seed580() {
    assertKeepsTheInvariants(580);
  }

  /** F3: money moved twice: a refund re-sent 25 hours later with a key Klarna had forgotten. */
  @Test
  void seed618() {
    assertKeepsTheInvariants(618);
  }

  /** F4: an operation left failed after 24 hours kept its amount held. */
  @Test
  void seed1630() {
    assertKeepsTheInvariants(1630);
  }

  /** F5: a transaction event for a transaction the gateway never heard of was dropped. */
  @Test
  void seed3985() {
    assertKeepsTheInvariants(3985);
  }

  /**
   * F11: a cancel's Idempotency-Key was not bound to the cancel. The partner's cancel died after
   * Klarna canceled, the janitor learned CANCELED, and the partner's retry under the same key (its
   * claim abandoned) was answered 409 "The payment is canceled" (20 of 2,000 histories; first seed
   * 356 before a quarter of the crashes fell later, 366 since).
   */
  @Test
  void seed366() {
    assertKeepsTheInvariants(366);
  }

  /**
   * Finding F6: an authorization ran out, and Klarna's CLOSED webhook 7 days later was lost (state
   * differs: EXPIRED here, CLOSED at Klarna).
   */
  @Test
  void seed7914() {
    assertKeepsTheInvariants(7914);
  }

  /**
   * Finding F7: the gateway crashed while acting on a transaction's webhook (a model gap: the inbox
   * keeps an event it has answered 200 to, and its sweep acts on it again after the restart).
   */
  @Test
  void seed8412() {
    assertKeepsTheInvariants(8412);
  }

  /**
   * Finding F8: the authorize's answer lost, the shopper's approval of the Payment Request it made
   * went unheard until the token's hour was over (approved sale lost).
   */
  @Test
  void seed32014() {
    assertKeepsTheInvariants(32014);
  }

  /**
   * Finding F9: a capture settled from a read while another capture was pending was never learned
   * (state differs: captured 0 here, 9,898 at Klarna).
   */
  @Test
  void seed47453() {
    assertKeepsTheInvariants(47453);
  }

  /**
   * Finding F10: an authorize unanswered, its transaction's webhook lost, and the gateway out of
   * action for 28 days: the transaction is beyond its reach, the payment EXPIRED and alarmed
   * (counted, not a violation; the janitor must still never send the authorize again). Seed 13919
   * showed it until a create's Idempotency-Key claim was written with its payment (issue 31: the
   * crash points moved); 18572 shows it now.
   */
  @Test
  void seed18572() {
    assertKeepsTheInvariants(18572);
    SimHistory h = run(18572, SimHistory.generate(18572)).history();
    assertThat(h.beyondReach).isPositive();
    assertThat(h.klarna.transactions.values().stream().filter(t -> t.reference != null))
        .as("one transaction per payment: the authorize was never sent again")
        .extracting(t -> t.reference)
        .doesNotHaveDuplicates();
  }

  private static void assertKeepsTheInvariants(long seed) {
    Outcome o = run(seed, SimHistory.generate(seed));
    assertThat(o.violations())
        .as(
            "seed %d:%s",
            seed,
            o.violations().isEmpty()
                ? ""
                : "\n" + shrunk(seed, Invariants.rule(o.violations().get(0))))
        .isEmpty();
  }

  /**
   * The shortest sub-list of the seed's steps that still breaks {@code rule}, and its violation.
   */
  static String shrunk(long seed, String rule) {
    List<SimHistory.Step> steps =
        Shrinking.shrink(SimHistory.generate(seed), s -> breaks(seed, s, rule));
    Outcome o = run(seed, steps, true);
    StringBuilder out = new StringBuilder();
    out.append("  shrunk to ").append(steps.size()).append(" steps:\n");
    steps.forEach(s -> out.append("    ").append(s).append('\n'));
    out.append("  trace of the shrunk history:\n");
    o.history().klarna.trace.forEach(line -> out.append("    | ").append(line).append('\n'));
    out.append("  violation: ")
        .append(o.violations().isEmpty() ? "(none?)" : o.violations().get(0));
    return out.toString();
  }

  static boolean breaks(long seed, List<SimHistory.Step> steps, String rule) {
    List<String> v = run(seed, steps).violations();
    return !v.isEmpty() && Invariants.rule(v.get(0)).equals(rule);
  }

  /**
   * Delta debugging (ddmin) of the step list, then each step's faults, crash and nesting dropped.
   */
  static final class Shrinking {
    private Shrinking() {}

    static List<SimHistory.Step> shrink(
        List<SimHistory.Step> steps, Predicate<List<SimHistory.Step>> fails) {
      List<SimHistory.Step> current = new ArrayList<>(steps);
      int n = 2;
      while (current.size() >= 2) {
        int chunk = (int) Math.ceil(current.size() / (double) n);
        boolean reduced = false;
        for (int start = 0; start < current.size(); start += chunk) {
          List<SimHistory.Step> complement = new ArrayList<>(current.subList(0, start));
          complement.addAll(
              current.subList(Math.min(current.size(), start + chunk), current.size()));
          if (!complement.isEmpty() && fails.test(complement)) {
            current = complement;
            n = Math.max(n - 1, 2);
            reduced = true;
            break;
          }
        }
        if (!reduced) {
          if (n >= current.size()) {
            break;
          }
          n = Math.min(current.size(), n * 2);
        }
      }
      for (int i = 0; i < current.size(); i++) {
        SimHistory.Step s = current.get(i);
        for (SimHistory.Step simpler : List.of(s.plain(), s.withoutNested())) {
          if (simpler.equals(current.get(i))) {
            continue;
          }
          List<SimHistory.Step> attempt = new ArrayList<>(current);
          attempt.set(i, simpler);
          if (fails.test(attempt)) {
            current = attempt;
          }
        }
      }
      return current;
    }
  }
}
