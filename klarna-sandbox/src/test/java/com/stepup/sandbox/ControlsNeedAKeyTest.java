package com.stepup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlsNeedAKeyTest {

  @Test
  void everyTestControlButHealthNeedsTheKey() {
    assertThat(ControlsNeedAKey.needsKey("sandbox/payment-requests/krn:1/complete")).isTrue();
    assertThat(ControlsNeedAKey.needsKey("/sandbox/faults")).isTrue();
    assertThat(ControlsNeedAKey.needsKey("sandbox")).isTrue();
    assertThat(ControlsNeedAKey.needsKey("sandbox/health")).isFalse();
    // Klarna's own paths check the key themselves; the shopper's journey has none to give
    assertThat(ControlsNeedAKey.needsKey("v2/accounts/x/payment/authorize")).isFalse();
    assertThat(ControlsNeedAKey.needsKey("journey/krn:1")).isFalse();
    assertThat(ControlsNeedAKey.needsKey("sandboxes")).isFalse();
  }
}
