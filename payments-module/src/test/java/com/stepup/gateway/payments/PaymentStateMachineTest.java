package com.stepup.gateway.payments;

import static com.stepup.gateway.payments.PaymentRequestState.CANCELED;
import static com.stepup.gateway.payments.PaymentRequestState.COMPLETED;
import static com.stepup.gateway.payments.PaymentRequestState.DECLINED;
import static com.stepup.gateway.payments.PaymentRequestState.EXPIRED;
import static com.stepup.gateway.payments.PaymentRequestState.IN_PROGRESS;
import static com.stepup.gateway.payments.PaymentRequestState.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaymentStateMachineTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final Instant T1 = T0.plusSeconds(5);

  /** The expected graph, written out independently of the production tables. */
  static final Map<PaymentRequestState, Set<PaymentRequestState>> KLARNA =
      Map.of(
          SUBMITTED, EnumSet.of(IN_PROGRESS, COMPLETED, DECLINED, EXPIRED, CANCELED),
          IN_PROGRESS, EnumSet.of(SUBMITTED, COMPLETED, DECLINED, EXPIRED, CANCELED),
          COMPLETED, EnumSet.of(CANCELED, EXPIRED),
          DECLINED, EnumSet.noneOf(PaymentRequestState.class),
          EXPIRED, EnumSet.noneOf(PaymentRequestState.class),
          CANCELED, EnumSet.noneOf(PaymentRequestState.class));

  @Test
  void everyStatusMoveIsAllowedOnlyOutOfPending() {
    for (PaymentStatus from : PaymentStatus.values()) {
      for (PaymentStatus to : PaymentStatus.values()) {
        boolean expected = from == PaymentStatus.PENDING && to != PaymentStatus.PENDING;
        assertThat(PaymentStateMachine.canMove(from, to)).as(from + " → " + to).isEqualTo(expected);
      }
    }
  }

  @Test
  void everyPaymentRequestMoveFollowsKlarnasGraph() {
    for (PaymentRequestState from : PaymentRequestState.values()) {
      for (PaymentRequestState to : PaymentRequestState.values()) {
        assertThat(PaymentStateMachine.canMove(from, to))
            .as(from + " → " + to)
            .isEqualTo(KLARNA.get(from).contains(to));
      }
    }
    for (PaymentRequestState to : PaymentRequestState.values()) {
      assertThat(PaymentStateMachine.canMove((PaymentRequestState) null, to))
          .as("a first signal may be any state: " + to)
          .isTrue();
    }
  }

  @Test
  void finalRequestStatesEndThePaymentAndOthersKeepItPending() {
    assertThat(PaymentStateMachine.statusFor(DECLINED)).isEqualTo(PaymentStatus.DECLINED);
    assertThat(PaymentStateMachine.statusFor(EXPIRED)).isEqualTo(PaymentStatus.EXPIRED);
    assertThat(PaymentStateMachine.statusFor(CANCELED)).isEqualTo(PaymentStatus.CANCELED);
    for (PaymentRequestState open : List.of(SUBMITTED, IN_PROGRESS, COMPLETED)) {
      assertThat(PaymentStateMachine.statusFor(open)).isEqualTo(PaymentStatus.PENDING);
    }
  }

  @Test
  void lateAndRepeatedSignalsNeverMoveAPaymentBackwards() {
    PaymentStatus pending = PaymentStatus.PENDING;
    assertThat(PaymentStateMachine.accepts(pending, COMPLETED, T1, IN_PROGRESS, T0))
        .as("in-progress after completed")
        .isFalse();
    assertThat(PaymentStateMachine.accepts(pending, COMPLETED, T0, COMPLETED, T1))
        .as("a repeated completed")
        .isFalse();
    assertThat(PaymentStateMachine.accepts(pending, IN_PROGRESS, T1, SUBMITTED, T0))
        .as("a reordered submitted after in-progress")
        .isFalse();
    assertThat(PaymentStateMachine.accepts(pending, IN_PROGRESS, T1, SUBMITTED, T1))
        .as("a submitted as old as in-progress")
        .isFalse();
    assertThat(PaymentStateMachine.accepts(pending, IN_PROGRESS, T0, SUBMITTED, null))
        .as("an abort of unknown time")
        .isFalse();
    assertThat(PaymentStateMachine.accepts(pending, IN_PROGRESS, T0, SUBMITTED, T1))
        .as("the shopper aborted after opening the journey")
        .isTrue();
    assertThat(PaymentStateMachine.accepts(pending, SUBMITTED, T1, COMPLETED, T0))
        .as("completed is forward whatever its time")
        .isTrue();
    assertThat(PaymentStateMachine.accepts(pending, null, null, SUBMITTED, T0)).isTrue();
    assertThat(PaymentStateMachine.accepts(pending, SUBMITTED, T0, null, T1))
        .as("a state we do not know")
        .isFalse();
    for (PaymentStatus done : EnumSet.complementOf(EnumSet.of(PaymentStatus.PENDING))) {
      for (PaymentRequestState signal : PaymentRequestState.values()) {
        assertThat(PaymentStateMachine.accepts(done, COMPLETED, T0, signal, T1))
            .as("a " + done + " payment ignores " + signal)
            .isFalse();
      }
    }
  }

  @Test
  void everyAllowedForwardMoveIsAccepted() {
    for (PaymentRequestState from : PaymentRequestState.values()) {
      for (PaymentRequestState to : PaymentRequestState.values()) {
        boolean expected = KLARNA.get(from).contains(to);
        assertThat(PaymentStateMachine.accepts(PaymentStatus.PENDING, from, T0, to, T1))
            .as(from + " → " + to + " with a newer signal")
            .isEqualTo(expected);
      }
    }
  }

  static final Map<String, String> TRANSACTION_NOTES =
      Map.of(
          "AUTHORIZED>COMPLETED", "captured in full, or released after a partial capture",
          "AUTHORIZED>EXPIRED", "expires_at passed with something uncaptured",
          "AUTHORIZED>CLOSED", "released with nothing captured",
          "EXPIRED>COMPLETED", "7 days on, or released, after a partial capture",
          "EXPIRED>CLOSED", "7 days on, or released, with nothing captured",
          "COMPLETED>CLOSED", "Klarna closes it (no more refunds)");

  @Test
  void aTransactionNeverMovesBack() {
    assertThat(PaymentStateMachine.canMoveTransaction(null, "AUTHORIZED")).isTrue();
    assertThat(PaymentStateMachine.canMoveTransaction("AUTHORIZED", "EXPIRED")).isTrue();
    assertThat(PaymentStateMachine.canMoveTransaction("EXPIRED", "COMPLETED")).isTrue();
    assertThat(PaymentStateMachine.canMoveTransaction("EXPIRED", "AUTHORIZED")).isFalse();
    assertThat(PaymentStateMachine.canMoveTransaction("COMPLETED", "EXPIRED")).isFalse();
    assertThat(PaymentStateMachine.canMoveTransaction("CLOSED", "COMPLETED")).isFalse();
    assertThat(PaymentStateMachine.canMoveTransaction("AUTHORIZED", "AUTHORIZED")).isFalse();
    assertThat(PaymentStateMachine.canMoveTransaction("AUTHORIZED", "PAID")).isFalse();
    for (TransactionState from : PaymentStateMachine.TRANSACTION_STATES) {
      for (TransactionState to : PaymentStateMachine.TRANSACTION_STATES) {
        if (PaymentStateMachine.canMoveTransaction(from, to)) {
          assertThat(TRANSACTION_NOTES).containsKey(from + ">" + to);
        }
      }
    }
  }

  /**
   * The diagram the README links to, drawn from the production tables, equals the committed file: a
   * change to the state machine fails here until the file is regenerated.
   */
  @Test
  void drawsTheDiagram() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# Payment states");
    lines.add("");
    lines.add(
        "Generated by `PaymentStateMachineTest` from `PaymentStateMachine`; do not edit by hand.");
    lines.add("");
    lines.add("## Klarna Payment Request (as the gateway follows it)");
    lines.add("");
    lines.add("```mermaid");
    lines.add("stateDiagram-v2");
    lines.add("    [*] --> SUBMITTED: authorize answers STEP_UP_REQUIRED");
    for (PaymentRequestState from : PaymentRequestState.values()) {
      for (PaymentRequestState to : PaymentRequestState.values()) {
        if (PaymentStateMachine.canMove(from, to)) {
          String note =
              from == IN_PROGRESS && to == SUBMITTED ? ": shopper aborted (only if newer)" : "";
          lines.add("    " + from + " --> " + to + note);
        }
      }
      if (PaymentStateMachine.statusFor(from).isFinal()) {
        lines.add(
            "    " + from + " --> [*]: payment " + PaymentStateMachine.statusFor(from).wire());
      }
    }
    lines.add("    COMPLETED --> [*]: final authorization → authorized / declined / failed");
    lines.add("```");
    lines.add("");
    lines.add("## Payment status (the partner's view)");
    lines.add("");
    lines.add("```mermaid");
    lines.add("stateDiagram-v2");
    lines.add("    [*] --> pending: POST /api/v1/payments");
    for (PaymentStatus from : PaymentStatus.values()) {
      for (PaymentStatus to : PaymentStatus.values()) {
        if (PaymentStateMachine.canMove(from, to)) {
          lines.add("    " + from.wire() + " --> " + to.wire());
        }
      }
    }
    for (PaymentStatus s : PaymentStatus.values()) {
      if (s.isFinal()) {
        lines.add("    " + s.wire() + " --> [*]");
      }
    }
    lines.add("```");
    lines.add("");
    lines.add("## Klarna Payment Transaction (after authorization)");
    lines.add("");
    lines.add("```mermaid");
    lines.add("stateDiagram-v2");
    lines.add("    [*] --> AUTHORIZED: authorize APPROVED (capture_mode manual)");
    lines.add(
        "    [*] --> COMPLETED: authorize APPROVED with capture NOW (capture_mode automatic)");
    for (TransactionState from : PaymentStateMachine.TRANSACTION_STATES) {
      for (TransactionState to : PaymentStateMachine.TRANSACTION_STATES) {
        if (PaymentStateMachine.canMoveTransaction(from, to)) {
          lines.add("    " + from + " --> " + to + ": " + TRANSACTION_NOTES.get(from + ">" + to));
        }
      }
    }
    lines.add("    CLOSED --> [*]");
    lines.add("```");
    Path file = Path.of("..", "docs", "payment-states.md");
    String generated = String.join("\n", lines) + "\n";
    assertThat(generated)
        .contains("IN_PROGRESS --> COMPLETED", "pending --> authorized", "AUTHORIZED --> EXPIRED");
    if (Boolean.getBoolean("diagram.write")) {
      Files.writeString(file, generated);
    }
    assertThat(Files.readString(file))
        .as(
            "docs/payment-states.md drifted from PaymentStateMachine: regenerate it with"
                + " mvn -pl payments-module test -Dtest=PaymentStateMachineTest -Ddiagram.write=true")
        .isEqualTo(generated);
  }
}
