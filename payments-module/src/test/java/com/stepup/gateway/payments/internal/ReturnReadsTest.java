package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReturnReadsTest {

  @Test
  void aReloadedReturnPageReadsKlarnaOncePerInterval() {
    ReturnReads reads = new ReturnReads(Duration.ofSeconds(3));
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(reads.mayRead("pay_1", t)).isTrue();
    assertThat(reads.mayRead("pay_1", t.plusSeconds(1))).isFalse();
    assertThat(reads.mayRead("pay_2", t.plusSeconds(1))).as("another payment").isTrue();
    assertThat(reads.mayRead("pay_1", t.plusSeconds(3))).isTrue();
  }
}
