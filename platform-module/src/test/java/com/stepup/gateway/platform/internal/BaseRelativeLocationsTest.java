package com.stepup.gateway.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaseRelativeLocationsTest {

  @Test
  void aLocationRelativeToTheBaseBecomesAPathWithoutAHost() {
    assertThat(BaseRelativeLocations.onBasePath("console/stores/sto_1", "/"))
        .isEqualTo("/console/stores/sto_1");
    assertThat(BaseRelativeLocations.onBasePath("login?logout", "/gw"))
        .isEqualTo("/gw/login?logout");
    assertThat(BaseRelativeLocations.onBasePath("console/payments?from=10:00", "/"))
        .isEqualTo("/console/payments?from=10:00");
  }

  @Test
  void pathsAndUrlsStayAsTheyAre() {
    assertThat(BaseRelativeLocations.onBasePath("/api/v1/payments/pay_1", "/"))
        .isEqualTo("/api/v1/payments/pay_1");
    assertThat(BaseRelativeLocations.onBasePath("https://pay.klarna.com/x", "/"))
        .isEqualTo("https://pay.klarna.com/x");
  }
}
