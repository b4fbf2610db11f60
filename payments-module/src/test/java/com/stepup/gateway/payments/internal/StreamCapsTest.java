package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamCapsTest {

  private final StreamCaps caps = new StreamCaps(new StreamCaps.Limits(3, 2, 4));

  @Test
  void onePaymentHoldsAtMostItsCap() {
    assertThat(caps.take("key-a", "pay_1")).isPresent();
    assertThat(caps.take("key-b", "pay_1")).isPresent();
    assertThat(caps.take("key-c", "pay_1")).isEmpty();
    assertThat(caps.refusal("key-c", "pay_1"))
        .hasValueSatisfying(r -> assertThat(r).contains("one payment"));
    assertThat(caps.take("key-c", "pay_2")).as("another payment").isPresent();
  }

  @Test
  void oneKeyHoldsAtMostItsCap() {
    assertThat(caps.take("key-a", "pay_1")).isPresent();
    assertThat(caps.take("key-a", "pay_2")).isPresent();
    assertThat(caps.take("key-a", "pay_3")).isPresent();
    assertThat(caps.take("key-a", "pay_4")).isEmpty();
    assertThat(caps.refusal("key-a", "pay_4"))
        .hasValueSatisfying(r -> assertThat(r).contains("one API key"));
    assertThat(caps.take("key-b", "pay_4")).as("another key").isPresent();
    assertThat(caps.take("key-c", "pay_5")).as("the total").isEmpty();
    assertThat(caps.refusal("key-c", "pay_5"))
        .hasValueSatisfying(r -> assertThat(r).contains("try again"));
  }

  @Test
  void closedStreamsGiveTheirPlaceBackOnceAndTheCountReturnsToZero() {
    List<StreamCaps.Place> places = new ArrayList<>();
    caps.take("key-a", "pay_1").ifPresent(places::add);
    caps.take("key-a", "pay_1").ifPresent(places::add);
    caps.take("key-b", "pay_2").ifPresent(places::add);
    assertThat(caps.open()).isEqualTo(3);
    places.get(0).release();
    places.get(0).release(); // closed twice (client gone, then the sweep): given back once
    assertThat(caps.open()).isEqualTo(2);
    assertThat(caps.take("key-c", "pay_1")).isPresent();
    assertThat(caps.take("key-c", "pay_1")).as("pay_1 is full again").isEmpty();
    places.forEach(StreamCaps.Place::release);
    assertThat(caps.open()).isEqualTo(1);
  }
}
