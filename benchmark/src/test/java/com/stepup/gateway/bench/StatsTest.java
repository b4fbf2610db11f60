package com.stepup.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void percentilesAreNearestRankInMilliseconds() {
    Stats stats = new Stats("x");
    for (int ms = 100; ms >= 1; ms--) {
      stats.add(ms * 1_000_000L);
    }
    assertThat(stats.count()).isEqualTo(100);
    assertThat(stats.percentileMillis(0.50)).isEqualTo(50.0);
    assertThat(stats.percentileMillis(0.95)).isEqualTo(95.0);
    assertThat(stats.percentileMillis(0.99)).isEqualTo(99.0);
    assertThat(stats.percentileMillis(1.0)).isEqualTo(100.0);
  }

  @Test
  void aRowNamesErrorsAndTheRateOverWallTime() {
    Stats stats = new Stats("read");
    stats.add(2_000_000L);
    stats.add(4_000_000L);
    stats.error();
    assertThat(Stats.table().row(stats.cells(2.0)).toString())
        .endsWith("| read | 2 (+1 errors) | 1.0 | 2.0 | 4.0 | 4.0 | 4.0 |\n");
  }

  @Test
  void aPercentileOfOneSampleIsThatSample() {
    Stats stats = new Stats("one");
    stats.add(7_250_000L);
    assertThat(stats.percentileMillis(0.01)).isEqualTo(7.25);
    assertThat(stats.percentileMillis(1.0)).isEqualTo(7.25);
  }

  @Test
  void aPathsShareIsOfTheFloorsRequestsPerSecond() {
    Rates.Result floor = new Rates.Result("floor", 8000, 0, 10, 0.5, 2);
    Rates.Result read = new Rates.Result("read", 1200, 3, 10, 5.04, 25.06);
    assertThat(read.perSecond()).isEqualTo(120.0);
    assertThat(read.shareOf(floor)).isEqualTo(15.0);
    Rates.Result beside = new Rates.Result("floor beside", 1200, 0, 3, 0.5, 2);
    assertThat(read.cells(floor, beside))
        .containsExactly("read", "1200 (+3 errors)", "120", "5.0", "25.1", "15.0 %", "30.0 %");
    assertThat(floor.cells(floor, null)).endsWith("100.0 %", "–");
  }

  @Test
  void anEmptyScenarioHasNoPercentiles() {
    assertThat(new Stats("none").percentileMillis(0.5)).isNaN();
  }
}
