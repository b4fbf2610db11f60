package com.stepup.gateway.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PublicLocationsTest {

  @Test
  void aLocationOnTheClaimedHostBecomesAPath() {
    URI forged = URI.create("http://evil.example/");
    assertThat(PublicLocations.relativeIfOwn("http://evil.example/api/v1/payments/pay_1", forged))
        .isEqualTo("/api/v1/payments/pay_1");
    assertThat(PublicLocations.relativeIfOwn("http://evil.example/login?logout", forged))
        .isEqualTo("/login?logout");
  }

  @Test
  void otherPlacesAreLeftAlone() {
    URI own = URI.create("http://10.0.0.5:8080/");
    assertThat(PublicLocations.relativeIfOwn("https://pay.klarna.com/eu/requests/1/start", own))
        .isEqualTo("https://pay.klarna.com/eu/requests/1/start");
    assertThat(PublicLocations.relativeIfOwn("/relative", own)).isEqualTo("/relative");
  }
}
