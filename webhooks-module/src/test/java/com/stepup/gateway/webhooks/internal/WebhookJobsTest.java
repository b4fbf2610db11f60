package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WebhookJobsTest {

  @Test
  void aFailedRegistrationIsTriedAgainSoonThenEveryThirtySeconds() {
    // issue 28: the demo's sandbox was still loading at the first try, and the next came 30 s
    // later, so the first approved payments waited for the janitor
    assertThat(IntStream.rangeClosed(1, 7).mapToLong(WebhookJobs::retryAfterSeconds))
        .containsExactly(2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }
}
