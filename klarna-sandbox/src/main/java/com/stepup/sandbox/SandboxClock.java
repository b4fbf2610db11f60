package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's time: the system clock plus an offset that tests move forward with {@code POST
 * /sandbox/clock/advance}. Payment request expiry, the 60-minute token window, idempotency
 * retention and webhook retries all follow it.
 */
@ApplicationScoped
public class SandboxClock extends Clock {

  private final Clock system;
  private final AtomicLong offsetMillis = new AtomicLong();

  public SandboxClock() {
    this(Clock.systemUTC());
  }

  SandboxClock(Clock system) {
    this.system = system;
  }

  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("The sandbox clock only moves forward");
    }
    offsetMillis.addAndGet(by.toMillis());
  }

  public Duration offset() {
    return Duration.ofMillis(offsetMillis.get());
  }

  @Override
  public Instant instant() {
    return system.instant().plusMillis(offsetMillis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("The sandbox runs on UTC");
  }
}
