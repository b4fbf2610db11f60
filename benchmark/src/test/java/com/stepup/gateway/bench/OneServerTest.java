package com.stepup.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report of {@code ./bench.sh} keeps the shape of the one committed in docs/benchmark. */
class OneServerTest {

  @Test
  void theReportIsTheCommittedOneGivenItsFigures() {
    Settings settings =
        Settings.parse(
            "--partner-key", "p",
            "--sandbox-key", "s",
            "--database", "H2 (embedded, file)",
            "--boot-seconds", "17.2",
            "--server-options",
                "-Xms64m -Xmx320m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
                    + " -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl");
    String floor = "no-op GET, the floor (`GET /floor/noop`)";
    OneServer.Figures figures =
        new OneServer.Figures(
            Instant.parse("2026-12-01T17:58:06.713Z"),
            new OneServer.Machine(2, "Linux", "17.0.15"),
            settings,
            new Rates.Result(floor, 27980, 0, 10, 1.9, 9.0),
            new Rates.Result(floor, 77642, 0, 10, 0.8, 4.3),
            List.of(
                path("create, approved at once (`POST /api/v1/payments`)", 845, 89.3, 156.6),
                path("read (`GET /api/v1/payments/{id}`)", 12364, 5.1, 25.0),
                path("list, 20 a page (`GET /api/v1/payments?size=20`)", 12375, 5.2, 23.6),
                path(
                    "list, keyset, 20 a page (`GET /api/v1/payments/cursor?size=20`)",
                    13020,
                    4.9,
                    21.8),
                path("create, step-up in store: QR (`POST /api/v1/payments`)", 575, 131.6, 425.0),
                path(
                    "create, step-up online: HANDOVER (`POST /api/v1/payments`)",
                    1129,
                    68.1,
                    117.0),
                path("capture, part (`POST /api/v1/payments/{id}/captures`)", 1951, 39.4, 82.3),
                path("refund, part (`POST /api/v1/payments/{id}/refunds`)", 3337, 22.1, 54.1),
                path("Klarna webhook, distinct events (`POST /webhooks/klarna`)", 8665, 7.9, 30.0),
                path(
                    "Klarna webhook, the same event again (`POST /webhooks/klarna`)",
                    19922,
                    3.4,
                    16.9)),
            besides(6000, 15000, 15000, 15000, 15000, 15000, 15000, 15000, 15000, 15000),
            24,
            new InStoreSales.Misses(0, 0),
            "38.4",
            List.of(
                List.of(
                    "create QR payment (`POST /api/v1/payments`)",
                    "400",
                    "17.1",
                    "125.3",
                    "223.3",
                    "265.9",
                    "473.0"),
                List.of(
                    "shopper approves → till sees `authorized`",
                    "400",
                    "17.1",
                    "273.9",
                    "406.6",
                    "472.3",
                    "720.0"),
                List.of(
                    "whole in-store sale (create, approve, authorized)",
                    "400",
                    "17.1",
                    "440.3",
                    "681.2",
                    "867.3",
                    "964.0")),
            List.of(
                List.of("10", "100", "10.1", "33.2", "49.9", "69.1", "73.5", "0", "36.2"),
                List.of("20", "200", "20.1", "30.8", "48.8", "61.5", "75.6", "0", "35.0"),
                List.of("50", "500", "47.7", "1254.2", "1762.1", "1807.0", "1827.7", "0", "39.9")),
            724);

    assertThat(OneServer.report(figures).toString()).isEqualTo(COMMITTED);
  }

  @Test
  void withoutPacedRatesOrAMemorySampleTheReportSaysSo() {
    Settings settings = Settings.parse("--partner-key", "p", "--sandbox-key", "s");
    Rates.Result floor = new Rates.Result("floor", 1000, 0, 10, 1, 2);
    String report =
        OneServer.report(
                new OneServer.Figures(
                    Instant.parse("2026-12-05T10:00:00Z"),
                    new OneServer.Machine(2, "Linux", "17"),
                    settings,
                    floor,
                    floor,
                    List.of(),
                    List.of(),
                    20,
                    new InStoreSales.Misses(1, 2),
                    "–",
                    List.of(),
                    List.of(),
                    0))
            .toString();

    assertThat(report)
        .contains(
            "(1 errors, 2 not authorized within 30 s; a warm-up of 20 not counted; the server's CPU per sale: – ms)")
        .contains("The server: its memory was not sampled.\n")
        .doesNotContain("steady rate");
  }

  /** Floors beside the paths, each {@code counts[i]} requests over 3 s. */
  private static List<Rates.Result> besides(int... counts) {
    return java.util.Arrays.stream(counts)
        .mapToObj(c -> new Rates.Result("floor beside", c, 0, 3, 0.9, 4.0))
        .toList();
  }

  private static Rates.Result path(String name, int count, double p50, double p99) {
    return new Rates.Result(name, count, 0, 10, p50, p99);
  }

  private static final String COMMITTED =
      """
      # Benchmark results

      Written by `./bench.sh` (com.stepup.gateway.bench.BenchMain) on 2026-12-01T17:58:06Z.

      - machine: 2 cores, Linux, Java 17.0.15; gateway, Klarna sandbox and the floor on one Payara Micro, the driver beside them
      - database: H2 (embedded, file)
      - 8 clients in a closed loop (each sends its next request when the last is answered), 3 s of warm-up not counted, then 10 s measured, per scenario; the floor is measured first and again after the others, and the higher of the two is the 100 % (2798 and 7764 req/s); each path is also given as a share of a short floor (1 s of warm-up, 3 s measured) run just before it, which follows the machine's speed as it moves during the run (2000 to 5000 req/s)

      | path | count | req/s | p50 ms | p99 ms | share of the floor | share of the floor beside |
      | --- | ---: | ---: | ---: | ---: | ---: | ---: |
      | no-op GET, the floor (`GET /floor/noop`) | 77642 | 7764 | 0.8 | 4.3 | 100.0 % | – |
      | create, approved at once (`POST /api/v1/payments`) | 845 | 85 | 89.3 | 156.6 | 1.1 % | 4.2 % |
      | read (`GET /api/v1/payments/{id}`) | 12364 | 1236 | 5.1 | 25.0 | 15.9 % | 24.7 % |
      | list, 20 a page (`GET /api/v1/payments?size=20`) | 12375 | 1238 | 5.2 | 23.6 | 15.9 % | 24.8 % |
      | list, keyset, 20 a page (`GET /api/v1/payments/cursor?size=20`) | 13020 | 1302 | 4.9 | 21.8 | 16.8 % | 26.0 % |
      | create, step-up in store: QR (`POST /api/v1/payments`) | 575 | 58 | 131.6 | 425.0 | 0.7 % | 1.2 % |
      | create, step-up online: HANDOVER (`POST /api/v1/payments`) | 1129 | 113 | 68.1 | 117.0 | 1.5 % | 2.3 % |
      | capture, part (`POST /api/v1/payments/{id}/captures`) | 1951 | 195 | 39.4 | 82.3 | 2.5 % | 3.9 % |
      | refund, part (`POST /api/v1/payments/{id}/refunds`) | 3337 | 334 | 22.1 | 54.1 | 4.3 % | 6.7 % |
      | Klarna webhook, distinct events (`POST /webhooks/klarna`) | 8665 | 867 | 7.9 | 30.0 | 11.2 % | 17.3 % |
      | Klarna webhook, the same event again (`POST /webhooks/klarna`) | 19922 | 1992 | 3.4 | 16.9 | 25.7 % | 39.8 % |

      The whole in-store sale, 400 sales over 8 tills (0 errors, 0 not authorized within 30 s; a warm-up of 24 not counted; the server's CPU per sale: 38.4 ms):

      | what | count | per second | p50 ms | p95 ms | p99 ms | max ms |
      | --- | ---: | ---: | ---: | ---: | ---: | ---: |
      | create QR payment (`POST /api/v1/payments`) | 400 | 17.1 | 125.3 | 223.3 | 265.9 | 473.0 |
      | shopper approves → till sees `authorized` | 400 | 17.1 | 273.9 | 406.6 | 472.3 | 720.0 |
      | whole in-store sale (create, approve, authorized) | 400 | 17.1 | 440.3 | 681.2 | 867.3 | 964.0 |

      Whole in-store sales started at a steady rate (an open loop: a new sale is due every 1/rate s whether or not the last ones are done, each on a free terminal of a pool, and timed from when it was due), 10 s each:

      | sales/s asked | sales | sales/s done | p50 ms | p95 ms | p99 ms | max ms | errors or late | server CPU ms per sale |
      | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
      | 10 | 100 | 10.1 | 33.2 | 49.9 | 69.1 | 73.5 | 0 | 36.2 |
      | 20 | 200 | 20.1 | 30.8 | 48.8 | 61.5 | 75.6 | 0 | 35.0 |
      | 50 | 500 | 47.7 | 1254.2 | 1762.1 | 1807.0 | 1827.7 | 0 | 39.9 |

      The server: ready 17.2 s after it was started; resident memory at most 724 MiB while measured (`-Xms64m -Xmx320m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl`).

      "per second" is the count over the scenario's wall time with all tills busy; for an in-store sale it is completed sales per second. The server's CPU per sale is the user and system time of its one process (the gateway and the Klarna sandbox together, from `/proc`) over the scenario, divided by its sales. Each till follows its payment on `GET /api/v1/payments/{id}/events` (server-sent events), opened right after the create. "shopper approves → till sees `authorized`" runs from the sandbox's answer to the approval to the `authorized` event at the till: Klarna's webhook, its signature check and inbox, the final authorization at Klarna, and the push to the stream. The lists read their first five pages in turn: the page mode by `page=0` to `4`, each page with its count (`total`), the keyset mode by the cursors a walk over the same pages gave, with no count. Captures take 1.00 and refunds give back 0.10 of the approved-at-once payments in turn; a new in-store payment on a till supersedes (cancels at Klarna) the one the till left; the webhooks are signed `payment.request.state-change.in-progress` events older than the payments' state (accepted, kept, deduplicated by event id, and changing nothing).
      """;
}
