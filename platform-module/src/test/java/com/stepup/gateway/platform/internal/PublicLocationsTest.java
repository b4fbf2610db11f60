package com.stepup.gateway.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PublicLocationsTest {

  static final String PUBLIC = "https://gateway.example";

  @Test
  void aLocationOnTheClaimedHostMovesToThePublicBase() {
    URI forged = URI.create("http://evil.example/");
    assertThat(
            PublicLocations.onPublicBase(
                "http://evil.example/api/v1/payments/pay_1", forged, PUBLIC))
        .isEqualTo("https://gateway.example/api/v1/payments/pay_1");
    assertThat(
            PublicLocations.onPublicBase("http://evil.example/login?logout", forged, PUBLIC + "/"))
        .isEqualTo("https://gateway.example/login?logout");
  }

  @Test
  void otherPlacesAreLeftAlone() {
    URI own = URI.create("http://10.0.0.5:8080/");
    assertThat(
            PublicLocations.onPublicBase("https://pay.klarna.com/eu/requests/1/start", own, PUBLIC))
        .isEqualTo("https://pay.klarna.com/eu/requests/1/start");
    assertThat(PublicLocations.onPublicBase("/relative", own, PUBLIC)).isEqualTo("/relative");
  }
}
