package com.stepup.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventStreamTest {

  @Test
  void theTillSeesTheStatusItWaitsFor() {
    EventStream events =
        new EventStream(
            Stream.of(
                "event: payment",
                "data: {\"id\":\"pay_1\",\"status\":\"pending\"}",
                "",
                ": keep-alive",
                "event: payment",
                "data: {\"id\":\"pay_1\",\"status\":\"authorized\"}"));

    assertThat(events.awaitStatus("authorized")).isTrue();
  }

  @Test
  void anotherFinalStatusEndsTheWait() {
    EventStream events =
        new EventStream(
            Stream.of(
                "data: {\"status\":\"pending\"}",
                "data: {\"status\":\"canceled\"}",
                "data: {\"status\":\"authorized\"}"));

    assertThat(events.awaitStatus("authorized")).isFalse();
  }

  @Test
  void aStreamThatEndsOrBreaksIsNoStatus() {
    assertThat(
            new EventStream(Stream.of("data: {\"status\":\"pending\"}")).awaitStatus("authorized"))
        .isFalse();
    assertThat(new EventStream(Stream.of("data: not json")).awaitStatus("authorized")).isFalse();
  }

  @Test
  void closingHangsUp() {
    AtomicBoolean closed = new AtomicBoolean();
    EventStream events = new EventStream(Stream.<String>empty().onClose(() -> closed.set(true)));

    events.close();

    assertThat(closed).isTrue();
  }
}
