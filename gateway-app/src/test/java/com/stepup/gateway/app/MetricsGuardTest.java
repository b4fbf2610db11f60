package com.stepup.gateway.app;

import static com.stepup.gateway.app.MetricsGuard.Verdict.NOT_FOUND;
import static com.stepup.gateway.app.MetricsGuard.Verdict.SERVE;
import static com.stepup.gateway.app.MetricsGuard.Verdict.UNAUTHORIZED;
import static com.stepup.gateway.app.MetricsGuard.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsGuardTest {

  @Test
  void withATokenOnlyItsBearerReadsTheMetrics() {
    assertThat(verdict("s3cret-token", false, "Bearer s3cret-token")).isEqualTo(SERVE);
    assertThat(verdict("s3cret-token", true, "bearer s3cret-token")).isEqualTo(SERVE);
    assertThat(verdict("s3cret-token", true, null)).isEqualTo(UNAUTHORIZED); // also in the demo
    assertThat(verdict("s3cret-token", false, "Bearer s3cret-tokenX")).isEqualTo(UNAUTHORIZED);
    assertThat(verdict("s3cret-token", false, "Bearer ")).isEqualTo(UNAUTHORIZED);
    assertThat(verdict("s3cret-token", false, "Basic s3cret-token")).isEqualTo(UNAUTHORIZED);
  }

  @Test
  void withoutATokenTheyAreOpenInTheDemoAloneAndNotThereOtherwise() {
    assertThat(verdict("", true, null)).isEqualTo(SERVE);
    assertThat(verdict(null, false, "Bearer anything")).isEqualTo(NOT_FOUND);
    assertThat(verdict("  ", false, null)).isEqualTo(NOT_FOUND);
  }
}
