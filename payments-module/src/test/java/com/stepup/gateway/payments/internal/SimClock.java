package com.stepup.gateway.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulation's clock: it moves only when the scheduler says so. */
final class SimClock extends Clock {

  private Instant now;

  SimClock(Instant start) {
    this.now = start;
  }

  /** A test's jump to a moment (the use cases all read this clock). */
  void set(Instant at) {
    now = at;
  }

  void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
