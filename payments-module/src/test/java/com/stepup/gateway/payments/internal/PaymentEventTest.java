package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.TimelineArg;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import java.time.Instant;
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
}
