package com.stepup.gateway.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  static final class Moving extends Clock {
    Instant now = Instant.parse("2026-12-06T10:00:10Z");

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

  /** The database as several instances share it: rows per (key, window, instance), summed. */
  static final class Table {
    final Map<String, Long> rows = new HashMap<>();

    RateLimiter.Shared as(String instance) {
      return (window, deltas, keys) -> {
        deltas.forEach((k, d) -> rows.merge(k + "|" + window + "|" + instance, d, Long::sum));
        Map<String, Long> totals = new HashMap<>();
        rows.forEach(
            (row, used) -> {
              String[] p = row.split("\\|");
              if (Long.parseLong(p[1]) == window && keys.contains(p[0])) {
                totals.merge(p[0], used, Long::sum);
              }
            });
        return totals;
      };
    }
  }

  @Test
  void aKeyGetsItsLimitAMinuteWithTheNumbersForTheHeaders() {
    Moving clock = new Moving();
    RateLimiter limiter = new RateLimiter(clock);
    RateLimiter.Decision first = limiter.take("key_1", 3);
    assertThat(first).isEqualTo(new RateLimiter.Decision(true, 3, 2, 50));
    limiter.take("key_1", 3);
    assertThat(limiter.take("key_1", 3).remaining()).isZero();
    RateLimiter.Decision refused = limiter.take("key_1", 3);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.resetSeconds()).isEqualTo(50);
    assertThat(limiter.take("key_2", 3).allowed()).as("another key has its own").isTrue();
    clock.now = Instant.parse("2026-12-06T10:01:00Z");
    assertThat(limiter.take("key_1", 3)).isEqualTo(new RateLimiter.Decision(true, 3, 2, 60));
  }

  @Test
  void twoInstancesShareOneLimitThroughTheDatabase() {
    Moving clock = new Moving();
    Table table = new Table();
    RateLimiter a = new RateLimiter(clock);
    RateLimiter b = new RateLimiter(clock);
    for (int i = 0; i < 6; i++) {
      assertThat(a.take("key_1", 10).allowed()).isTrue();
    }
    a.sync(table.as("a"));
    b.take("key_1", 10);
    b.sync(table.as("b"));
    // b now knows of a's six and its own one
    assertThat(b.take("key_1", 10).remaining()).isEqualTo(2);
    assertThat(b.take("key_1", 10).allowed()).isTrue();
    assertThat(b.take("key_1", 10).allowed()).isTrue();
    assertThat(b.take("key_1", 10).allowed()).as("ten in the cluster").isFalse();
    b.sync(table.as("b"));
    a.sync(table.as("a"));
    assertThat(a.take("key_1", 10).allowed()).as("and a learns it").isFalse();
    assertThat(table.rows).containsEntry("key_1|" + (clock.now.getEpochSecond() / 60) + "|a", 6L);
  }

  @Test
  void aSyncDuringNewCallsLosesNone() {
    Moving clock = new Moving();
    Table table = new Table();
    RateLimiter a = new RateLimiter(clock);
    a.take("key_1", 100);
    RateLimiter.Shared slow =
        (window, deltas, keys) -> {
          a.take("key_1", 100); // a call arrives while the sync is at the database
          return table.as("a").addAndRead(window, deltas, keys);
        };
    a.sync(slow);
    a.sync(table.as("a"));
    assertThat(table.rows.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    assertThat(a.take("key_1", 100).remaining()).isEqualTo(97);
    assertThat(Set.copyOf(table.rows.keySet())).hasSize(1);
  }
}
