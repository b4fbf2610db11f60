package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.payments.NewCapture;
import org.junit.jupiter.api.Test;

/** A capture's shipping, read back from the body it was sent to Klarna with (the evidence pack). */
class DisputedMoneyTest {

  @Test
  void aCapturesTrackingIsReadFromItsShippingInfo() {
    String body =
        "{\"line_items\":[],\"shipping_info\":[{\"tracking_number\":\"1Z999\","
            + "\"tracking_url\":\"https://track.example/1Z999\",\"shipping_carrier\":\"UPS\"},"
            + "{\"tracking_number\":\"JD0002\"}]}";
    assertThat(DisputedMoney.shipping(body))
        .containsExactly(
            new NewCapture.Shipping("1Z999", "https://track.example/1Z999", "UPS"),
            new NewCapture.Shipping("JD0002", null, null));
  }

  @Test
  void aCaptureWithoutShippingHasNone() {
    assertThat(DisputedMoney.shipping(null)).isEmpty();
    assertThat(DisputedMoney.shipping("")).isEmpty();
    assertThat(DisputedMoney.shipping("{}")).isEmpty();
    assertThat(DisputedMoney.shipping("{\"shipping_info\":[{}]}")).isEmpty();
    assertThat(DisputedMoney.shipping("not json")).isEmpty();
  }
}
