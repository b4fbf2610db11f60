package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineArg;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stored timeline line: its code and values come back as they went in; old lines keep words. */
class PaymentEventTest {

  private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

  @Test
  void aLineKeepsItsCodeAndTypedValuesAndSaysThemInEnglish() {
    List<TimelineArg> args = List.of(TimelineArg.amount(4000, "USD"), TimelineArg.text("cap_1"));
    var stored =
        new PaymentEvent(
            7,
            "pay_1",
            new Changes.Entry(
                T0,
                Kind.KLARNA_CALL,
                TimelineEvent.KLARNA_CAPTURED,
                args,
                null,
                PaymentStatus.AUTHORIZED,
                null));
    assertThat(stored.event).isEqualTo("KLARNA_CAPTURED");
    assertThat(stored.args)
        .isEqualTo("[{\"minor\":4000,\"currency\":\"USD\"},{\"text\":\"cap_1\"}]");
    assertThat(stored.summary).isEqualTo("Klarna captured $40.00 (cap_1)");

    TimelineEntry read = stored.view();
    assertThat(read.event()).isEqualTo(TimelineEvent.KLARNA_CAPTURED);
    assertThat(read.args()).isEqualTo(args);
    assertThat(read.summary()).isEqualTo("Klarna captured $40.00 (cap_1)");
  }

  @Test
  void aLineWrittenBeforeCodesShowsItsStoredWords() {
    var old = new PaymentEvent();
    old.paymentId = "pay_1";
    old.at = T0;
    old.kind = "KLARNA_CALL";
    old.summary = "Klarna final authorize failed: HTTP 500";
    old.status = "PENDING";
    old.prState = "COMPLETED";
    TimelineEntry read = old.view();
    assertThat(read.event()).isNull();
    assertThat(read.args()).isEmpty();
    assertThat(read.summary()).isEqualTo("Klarna final authorize failed: HTTP 500");
    assertThat(read.requestState()).isEqualTo(PaymentRequestState.COMPLETED);
  }

  @Test
  void aValueIsPutInOnceAndABraceInItStaysText() {
    assertThat(
            TimelineEvent.OPERATION_REFUSED.english(
                List.of(
                    TimelineArg.text("capture"),
                    TimelineArg.text("{2}"),
                    TimelineArg.text("HTTP 400"))))
        .isEqualTo("Klarna refused the capture ({2}): HTTP 400");
  }

  /** The statement the repository takes a change's ids with: several at once, each new. */
  @Test
  void aChangesLinesGetTheirIdsInOneStatement() throws Exception {
    try (var c = DriverManager.getConnection("jdbc:h2:mem:timeline-ids", "sa", "")) {
      c.createStatement().execute("CREATE SEQUENCE payment_event_seq START WITH 1 INCREMENT BY 1");
      var ids = new ArrayList<Long>();
      for (int n : new int[] {3, 1, 2}) {
        try (var s = c.prepareStatement(PaymentEvent.NEXT_IDS.replace("?1", "?"))) {
          s.setInt(1, n);
          try (var rows = s.executeQuery()) {
            while (rows.next()) {
              ids.add(rows.getLong(1));
            }
          }
        }
      }
      assertThat(ids).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
    }
  }
}
