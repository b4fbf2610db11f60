package com.stepup.gateway.klarna.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.klarna.KlarnaException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KlarnaQuotaTest {

  static final class Moving extends Clock {
    Instant now = Instant.parse("2026-12-06T10:00:00.100Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void klarnasRetryAfterIsHonouredBeforeAnyCallIsSentAgain() {
    Moving clock = new Moving();
    KlarnaQuota quota = new KlarnaQuota(clock);
    assertThat(quota.admit("krn:a")).isEmpty();
    quota.refused(Duration.ofSeconds(5));
    assertThat(quota.admit("krn:a")).contains(Duration.ofSeconds(5));
    assertThat(quota.admit("krn:b"))
        .as("for every merchant: the quota is the acquirer's")
        .isPresent();
    clock.now = clock.now.plusSeconds(5);
    assertThat(quota.admit("krn:b")).isEmpty();
  }

  @Test
  void afterA429OneMerchantsFloodWaitsWhileTheOthersGoThrough() {
    Moving clock = new Moving();
    KlarnaQuota quota = new KlarnaQuota(clock);
    // a second in which Klarna took 10 calls: 8 from a flooding merchant, 2 from a quiet one
    for (int i = 0; i < 8; i++) {
      assertThat(quota.admit("krn:flood")).isEmpty();
    }
    quota.admit("krn:quiet");
    quota.admit("krn:quiet");
    clock.now = clock.now.plusSeconds(1);
    quota.refused(null); // 429 without Retry-After: one second
    clock.now = clock.now.plusSeconds(1);
    // now each of the two gets half of what Klarna took: 5 a second
    int flood = 0;
    for (int i = 0; i < 20; i++) {
      if (quota.admit("krn:flood").isEmpty()) {
        flood++;
      }
    }
    assertThat(flood).isEqualTo(5);
    for (int i = 0; i < 3; i++) {
      assertThat(quota.admit("krn:quiet")).as("the quiet merchant still goes through").isEmpty();
    }
    clock.now = clock.now.plusSeconds(1);
    assertThat(quota.admit("krn:flood")).as("a new second, a new share").isEmpty();
    clock.now = clock.now.plus(KlarnaQuota.FAIR_FOR);
    for (int i = 0; i < 20; i++) {
      assertThat(quota.admit("krn:flood")).as("no sharing once Klarna is calm").isEmpty();
    }
  }

  @Test
  void aRetryAfterIsReadAsSecondsOrADate() {
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    assertThat(KlarnaErrors.retryAfter("7", now)).contains(Duration.ofSeconds(7));
    assertThat(KlarnaErrors.retryAfter("Sun, 06 Dec 2026 10:00:30 GMT", now))
        .contains(Duration.ofSeconds(30));
    assertThat(KlarnaErrors.retryAfter("soon", now)).isEmpty();
    assertThat(KlarnaErrors.retryAfter(null, now)).isEmpty();
  }

  @Test
  void aCallDuringKlarnasPauseIsNotSentAndReadsAsAskAgainLater() {
    AtomicInteger sent = new AtomicInteger();
    KlarnaApi api =
        (KlarnaApi)
            Proxy.newProxyInstance(
                KlarnaApi.class.getClassLoader(),
                new Class<?>[] {KlarnaApi.class},
                (proxy, method, args) -> {
                  sent.incrementAndGet();
                  throw new KlarnaException(
                          429, "ACCESS_ERROR", "RATE_LIMITED", "slow down", null, List.of())
                      .withRetryAfter(Duration.ofSeconds(30));
                });
    KlarnaHttp http = KlarnaHttp.over(api);
    Moving clock = new Moving();
    http.quota = new KlarnaQuota(clock);
    KlarnaException first = null;
    try {
      http.call("krn:a", "read", a -> a.transaction("krn:a", "tx_1"));
    } catch (KlarnaException e) {
      first = e;
    }
    assertThat(first).isNotNull();
    KlarnaException second = null;
    try {
      http.call("krn:b", "read", a -> a.transaction("krn:b", "tx_2"));
    } catch (KlarnaException e) {
      second = e;
    }
    assertThat(sent).hasValue(1);
    assertThat(second.errorCode()).isEqualTo("QUOTA_WAIT");
    assertThat(second.outcome()).isEqualTo(KlarnaException.Outcome.UNKNOWN);
    assertThat(second.retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void a429AtOneInstancePausesTheOthersAndEachSharesOutItsOwnPart() {
    Moving clock = new Moving();
    KlarnaQuota a = new KlarnaQuota(clock);
    KlarnaQuota b = new KlarnaQuota(clock);
    // in the second before, instance b sent 4 calls for a flooding merchant
    for (int i = 0; i < 4; i++) {
      assertThat(b.admit("krn:flood")).isEmpty();
    }
    clock.now = clock.now.plusSeconds(1);
    Instant until = a.refused(Duration.ofSeconds(5));
    b.refusedElsewhere(until);
    assertThat(b.admit("krn:quiet")).as("the pause is everyone's").contains(Duration.ofSeconds(5));
    clock.now = until;
    b.admit("krn:quiet");
    int flood = 0;
    for (int i = 0; i < 10; i++) {
      if (b.admit("krn:flood").isEmpty()) {
        flood++;
      }
    }
    assertThat(flood).as("half of the 4 b sent before: its part, shared by two").isEqualTo(2);
    b.refusedElsewhere(clock.now.minusSeconds(1));
    assertThat(b.admit("krn:quiet")).as("a pause already over is none").isEmpty();
  }

  @Test
  void theOtherInstancesHearOfA429AndSendNothingUntilItsEnd() {
    AtomicInteger sent = new AtomicInteger();
    KlarnaApi api =
        (KlarnaApi)
            Proxy.newProxyInstance(
                KlarnaApi.class.getClassLoader(),
                new Class<?>[] {KlarnaApi.class},
                (proxy, method, args) -> {
                  sent.incrementAndGet();
                  return null;
                });
    KlarnaHttp http = KlarnaHttp.over(api);
    Moving clock = new Moving();
    http.quota = new KlarnaQuota(clock);
    http.heard(String.valueOf(clock.now.plusSeconds(10).toEpochMilli()));
    http.heard("not a time");
    KlarnaException unsent = null;
    try {
      http.call("krn:a", "read", x -> x.transaction("krn:a", "tx_1"));
    } catch (KlarnaException e) {
      unsent = e;
    }
    assertThat(sent).hasValue(0);
    assertThat(unsent.errorCode()).isEqualTo("QUOTA_WAIT");
    assertThat(unsent.retryAfter()).contains(Duration.ofSeconds(10));
  }
}
