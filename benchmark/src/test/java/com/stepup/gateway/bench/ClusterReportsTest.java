package com.stepup.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The reports of {@code ./cluster.sh} and {@code ./cluster.sh kill} keep their committed shape. */
class ClusterReportsTest {

  private static final Settings CLUSTER =
      Settings.parse(
          "--partner-key", "p",
          "--sandbox-key", "s",
          "--base", "http://localhost:8180",
          "--workers", "8",
          "--sales", "300",
          "--mode", "cluster",
          "--instance-a", "http://localhost:8181",
          "--instance-b", "http://localhost:8182");

  @Test
  void twoInstancesReportIsTheCommittedOneGivenItsFigures() {
    TwoInstances.Figures figures =
        new TwoInstances.Figures(
            Instant.parse("2026-12-01T18:03:39Z"),
            2,
            CLUSTER,
            new InStoreSales.Misses(0, 0),
            new InStoreSales.Misses(0, 0),
            List.of(
                List.of(
                    "whole in-store sale, two instances behind HAProxy",
                    "300",
                    "8.6",
                    "870.3",
                    "1394.6",
                    "1538.3",
                    "1849.7"),
                List.of(
                    "whole in-store sale, one instance (the other idle)",
                    "300",
                    "13.1",
                    "593.0",
                    "802.6",
                    "1044.5",
                    "1161.3"),
                List.of(
                    "B answers a cancel → A's stream has it",
                    "150",
                    "150.0",
                    "1.5",
                    "8.3",
                    "18.3",
                    "26.5")));

    assertThat(TwoInstances.report(figures).toString()).isEqualTo(CLUSTER_MD);
  }

  @Test
  void killReportIsTheCommittedOneGivenItsFigures() {
    Settings settings =
        Settings.parse(
            "--partner-key", "p", "--sandbox-key", "s", "--mode", "kill", "--seconds", "40");
    Map<String, Long> byStatus = new TreeMap<>(Map.of("authorized", 392L));
    KillUnderLoad.Figures figures =
        new KillUnderLoad.Figures(
            Instant.parse("2026-12-01T18:01:21Z"),
            settings,
            "kill -9 instance B 10 s into the load\ninstance B started again 20 s in, ready 42 s later",
            392,
            0,
            680,
            392,
            0,
            byStatus,
            Map.of(),
            0,
            0);

    assertThat(KillUnderLoad.report(figures).toString()).isEqualTo(KILL_MD);
  }

  private static final String CLUSTER_MD =
      """
      # Two gateway instances behind HAProxy

      Written by `./cluster.sh` (com.stepup.gateway.bench.BenchMain) on 2026-12-01T18:03:39Z.

      - machine: 2 cores; two gateway instances (Payara Micro each), the Klarna sandbox on a third, HAProxy in front, PostgreSQL shared; all on the same cores
      - 8 tills; 300 sales per run (errors: 0 and 0; not authorized within 30 s: 0 and 0)

      | what | count | per second | p50 ms | p95 ms | p99 ms | max ms |
      | --- | ---: | ---: | ---: | ---: | ---: | ---: |
      | whole in-store sale, two instances behind HAProxy | 300 | 8.6 | 870.3 | 1394.6 | 1538.3 | 1849.7 |
      | whole in-store sale, one instance (the other idle) | 300 | 13.1 | 593.0 | 802.6 | 1044.5 | 1161.3 |
      | B answers a cancel → A's stream has it | 150 | 150.0 | 1.5 | 8.3 | 18.3 | 26.5 |

      "B answers a cancel → A's stream has it": a payment created on A and followed on A's `GET /api/v1/payments/{id}/events`, canceled through B; from B's answer to the event on A (0 when it came first): PostgreSQL NOTIFY from B's commit to A's stream (http://localhost:8180 is the balancer). Its per-second column means nothing.
      """;

  private static final String KILL_MD =
      """
      # Kill a node under load

      Written by `./cluster.sh kill` (com.stepup.gateway.bench.BenchMain) on 2026-12-01T18:01:21Z.

      - two gateway instances behind HAProxy on one PostgreSQL, the Klarna sandbox apart; 8 tills selling in store for 40 s
      - what the script did: kill -9 instance B 10 s into the load; instance B started again 20 s in, ready 42 s later

      | figure | value |
      | --- | ---: |
      | payments created | 392 |
      | creates that failed even after retries | 0 |
      | calls sent again (same Idempotency-Key) | 680 |
      | authorized | 392 |
      | other final status | 0 |
      | payments by status at the end | {authorized=392} |
      | creates that failed, by last answer (the till gave up; a payment it made may be pending) | {} |
      | **lost** (never reached a final status) | **0** |
      | **doubled** (more than one final authorization or capture at Klarna) | **0** |

      Each sale is approved at the sandbox right after it is created; the payment is then followed through the balancer until it is final (up to 180 s after the load ends).
      """;
}
