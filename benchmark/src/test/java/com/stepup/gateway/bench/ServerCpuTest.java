package com.stepup.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerCpuTest {

  @Test
  void aProcessesCpuGrowsWithItsWorkAndIsSharedOutPerSale() {
    ServerCpu cpu = new ServerCpu(ProcessHandle.current().pid());
    Optional<Duration> before = cpu.used();
    assertThat(before).isPresent();
    long spin = System.nanoTime() + 300_000_000L;
    long x = 0;
    while (System.nanoTime() < spin) {
      x += x * 31 + 7;
    }
    assertThat(x).isNotZero();
    assertThat(cpu.used().orElseThrow()).isGreaterThan(before.get());
    assertThat(Double.parseDouble(cpu.perSale(before, 3))).isPositive();
  }

  @Test
  void withoutAPidOrASaleNothingIsClaimed() {
    assertThat(new ServerCpu(0).used()).isEmpty();
    assertThat(new ServerCpu(0).perSale(Optional.empty(), 10)).isEqualTo("–");
    ServerCpu here = new ServerCpu(ProcessHandle.current().pid());
    assertThat(here.perSale(here.used(), 0)).isEqualTo("–");
  }
}
