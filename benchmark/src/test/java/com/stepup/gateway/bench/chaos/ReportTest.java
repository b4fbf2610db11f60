package com.stepup.gateway.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report of {@code ./chaos.sh}: the shape committed in docs/benchmark/chaos.md. */
class ReportTest {

  @Test
  void theReportTellsTheRunAndEveryViolation() {
    ChaosFixture run = ChaosFixture.everyRuleBroken(false);
    GroundTruth truth = new GroundTruth(run.ledger(), run.settled());
    long t = run.startedMillis();

    String md =
        new Report(
                new Report.Run(
                    7,
                    6,
                    420,
                    t,
                    t + 422_000,
                    t + 506_000,
                    "kill -9 instance A 15 s into the load\n"
                        + "instance A started again 20 s in, ready 30 s later"),
                run.ledger(),
                run.settled(),
                truth,
                truth.compare())
            .markdown();

    assertThat(md).isEqualTo(EXPECTED.formatted(Runtime.getRuntime().availableProcessors()));
  }

  @Test
  void withoutTheScriptOrAViolationTheReportSaysNone() {
    ChaosFixture run = ChaosFixture.everyRuleBroken(true);
    GroundTruth truth = new GroundTruth(run.ledger(), run.settled());

    String md =
        new Report(
                new Report.Run(7, 6, 420, 0, 0, 0, ""),
                run.ledger(),
                run.settled(),
                truth,
                List.of())
            .markdown();

    assertThat(md)
        .contains("## Kills\n\nNone (the driver was run without the script).\n")
        .contains("## Violations\n\nNone. Every payment matched Klarna's ground truth.\n")
        .contains("- kills: **0**\n")
        .contains("then quiet in 49 s; 0 s in all");
  }

  private static final String EXPECTED =
      """
      # Chaos run

      Written by `./chaos.sh` (com.stepup.gateway.bench.chaos.ChaosRun) on 2025-12-01T14:48:26Z. Replay the same choices with `CHAOS_SEED=7 ./chaos.sh` (the choices are seeded; how they interleave with the servers and the kills is not).

      - set-up: two gateway instances (Payara Micro) behind HAProxy on one PostgreSQL, the Klarna sandbox on a server of its own, the janitor every second (`PAYMENTS_JANITOR_INTERVAL_SECONDS=1`, `PAYMENTS_JANITOR_AUTHORIZE_RETRY_SECONDS=5`); %d cores shared by all
      - seed **7**, 6 workers, load 422 s (420 s asked), then quiet in 49 s (**not reached**); 506 s in all
      - payments: **6** at the gateway (5 creates asked); by status {authorized=2, canceled=2, expired=1, pending=1}; Klarna transactions 5 by state {AUTHORIZED=3, CLOSED=1}
      - partner calls: **11** (3 replays of an Idempotency-Key); shopper actions: 3 (sales the shopper completed: 3)
      - faults switched on: **3** (6 calls' worth)
      - kills: **1**
      - at quiet: 3 requests still open at the sandbox expired; late approvals released (Klarna authorized, the gateway released it; nothing held): 1
      - **violations: 19**

      ## Partner calls by kind and answer

      | call | answers |
      | --- | --- |
      | capture | 201 succeeded ×1 |
      | capture (two at once) | 201 succeeded ×1 |
      | capture, replay | 201 succeeded ×2 |
      | create in store (QR) | 201 pending ×2, 201 declined ×1 |
      | create in store (QR), replay | 201 pending ×1 |
      | create online, approved at once | 201 authorized ×1 |
      | read | no answer ×1 |
      | refund | 503 from HAProxy ×1 |

      ## Shopper actions at the sandbox

      | action | answers |
      | --- | --- |
      | complete | 200 COMPLETED ×1, 409 ×1 |
      | open | 200 IN_PROGRESS ×1 |

      ## Faults switched on

      Each hits the next 1 to 3 calls of its operation at the sandbox; `DELAY` and `TIMEOUT` wait 0.5 to 7.5 s.

      | operation | kinds (times switched on) |
      | --- | --- |
      | capture | HTTP_500 ×2 |
      | webhook | DELAY ×1 |

      ## Kills

      - kill -9 instance A 15 s into the load
      - instance A started again 20 s in, ready 30 s later

      ## Violations

      | payment | rule | what differed |
      | --- | --- | --- |
      | - | not quiet | payments or operations were still pending when the wait ended |
      | pay_1 | amounts and state equal Klarna's | gateway authorized 1000 captured 500 refunded 100 AUTHORIZED; Klarna 1000 captured 600 refunded 100 AUTHORIZED |
      | pay_1 | nothing pending | 1 capture(s) and 0 refund(s) still pending |
      | pay_1 | every Klarna effect known | 1 Klarna capture(s) the gateway has no record of |
      | pay_1 | every Klarna effect known | Klarna refund rX the gateway has no record of |
      | pay_1 | one operation per Idempotency-Key | 2 captures from 1 keys |
      | pay_5 | no approved sale lost | the shopper completed pr1 (Klarna: COMPLETED); the payment is canceled |
      | pay_2 | one transaction per payment | Klarna holds 2 transactions |
      | pay_2 | every Klarna effect known | 2 Klarna capture(s) the gateway has no record of |
      | pay_3 | authorized ⇔ transaction | the gateway says canceled; Klarna holds AUTHORIZED amount 3000 captured 0 refunded 0 |
      | pay_3 | never failed/declined when Klarna authorized | create in store (QR) answered 201 declined at 2025-12-01T14:40:00.003Z; Klarna holds AUTHORIZED |
      | pay_3 | a completed request is never canceled | the shopper completed pr3; Klarna holds it CANCELED (a\\|b) |
      | pay_3 | no approved sale lost | the shopper completed pr3 (Klarna: CANCELED); the payment is canceled |
      | pay_4 | nothing pending | the payment is still pending (Klarna request pr4) |
      | pay_1, pay_5 | one operation per Idempotency-Key | one create (reference chaos-7-0-0) made 2 payments |
      | pay_9x | every answered payment exists | answered 201 for chaos-7-0-9; the gateway lists no such payment |
      | pay_2 | a replay answers the same operation | Idempotency-Key capture kc2 answered [cap_2, cap_3] |
      | pay_5 | a replay answers the same operation | Idempotency-Key create in store (QR) k0 answered [pay_1, pay_5] |
      | pay_9 | every Klarna effect known | Klarna holds a transaction for a payment the gateway does not list |

      ## What is checked

      After the load the faults are cleared, every Payment Request no shopper of the run completed is expired at the sandbox, and the run waits until no payment and no capture or refund is `pending`. Then every payment is compared with the sandbox's transactions (`GET /sandbox/payment-transactions`) and Payment Requests (Klarna's `GET …/payment/requests/{id}`):

      - at most one Klarna transaction per payment, and none for a payment the gateway does not list;
      - `authorized` ⇔ Klarna holds its transaction (a late approval the gateway released, nothing left held at Klarna, is fine);
      - the gateway's authorized, captured, refunded and `transaction_state` equal Klarna's; captured ≤ authorized and refunded ≤ captured on both sides;
      - no payment, capture or refund left `pending`, and nothing held (`capturable` is all that is uncaptured);
      - every Klarna capture and refund is one the gateway records;
      - an Idempotency-Key replay answers the same payment, capture or refund id, one create never makes two payments, and a payment has no more captures or refunds than keys that asked for one;
      - no partner answer says `failed` or `declined` for a payment Klarna authorized;
      - a Payment Request the run completed as the shopper is never `CANCELED` at Klarna and its payment ends `authorized`.
      """;
}
