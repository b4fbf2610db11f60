package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleOnlyMvcTest {

  @Test
  void krazosLifecycleIsSkippedForThePartnerApiAndTheWebhooksOnly() {
    assertThat(ConsoleOnlyMvc.noController("api/v1/payments/pay_1")).isTrue();
    assertThat(ConsoleOnlyMvc.noController("/webhooks/klarna")).isTrue();
    assertThat(ConsoleOnlyMvc.noController("console/payments")).isFalse();
    assertThat(ConsoleOnlyMvc.noController("display/abc/state")).isFalse();
    assertThat(ConsoleOnlyMvc.noController("pay/pay_1")).isFalse();
    assertThat(ConsoleOnlyMvc.noController("apis")).isFalse();
  }
}
