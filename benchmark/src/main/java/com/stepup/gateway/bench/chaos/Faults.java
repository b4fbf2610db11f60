package com.stepup.gateway.bench.chaos;

import com.stepup.gateway.bench.chaos.Http.Answer;
import java.util.Random;

/**
 * Sandbox faults switched on at random while the load runs, every 1 to 3.5 s, each on the next 1 to
 * 3 calls of one operation ({@code POST /sandbox/faults}); {@code DELAY} and {@code TIMEOUT} wait
 * 0.5 to 7.5 s. Each fault switched on is written into the ledger.
 */
final class Faults {

  private static final String[] OPERATIONS = {
    "authorize", "final_authorize", "read", "cancel", "capture", "refund", "void", "webhook"
  };
  private static final String[] API_FAULTS = {
    "HTTP_500_AFTER_COMMIT", "HTTP_500", "TIMEOUT", "RATE_LIMIT", "DELAY"
  };
  private static final String[] WEBHOOK_FAULTS = {
    "DUPLICATE", "REORDER", "DELAY", "BAD_SIGNATURE", "FAIL_DELIVERY"
  };

  private final Http http;
  private final Ledger ledger;
  private final Random rnd;

  Faults(Http http, Ledger ledger, long seed) {
    this.http = http;
    this.ledger = ledger;
    this.rnd = new Random(seed ^ 0x5EEDFA017L);
  }

  /** Switches faults on until {@code end} (epoch milliseconds). */
  void switchUntil(long end) {
    while (System.currentTimeMillis() < end) {
      ChaosRun.sleep(1000 + rnd.nextInt(2500));
      if (System.currentTimeMillis() >= end) {
        break;
      }
      String operation = OPERATIONS[rnd.nextInt(OPERATIONS.length)];
      String kind =
          operation.equals("webhook")
              ? WEBHOOK_FAULTS[rnd.nextInt(WEBHOOK_FAULTS.length)]
              : API_FAULTS[rnd.nextInt(API_FAULTS.length)];
      int times = 1 + rnd.nextInt(3);
      long delay = kind.equals("DELAY") || kind.equals("TIMEOUT") ? 500 + rnd.nextInt(7000) : 0;
      Answer a =
          http.sandbox(
              "POST",
              "/sandbox/faults",
              "{\"operation\":\"%s\",\"fault\":\"%s\",\"times\":%d,\"delay_ms\":%d}"
                  .formatted(operation, kind, times, delay));
      if (a.status() == 200) {
        ledger.faults.add(
            new Ledger.Fault(operation, kind, times, delay, System.currentTimeMillis()));
      } else {
        System.err.println(
            "fault " + operation + "/" + kind + " refused: " + a.status() + " " + a.body());
      }
    }
  }
}
