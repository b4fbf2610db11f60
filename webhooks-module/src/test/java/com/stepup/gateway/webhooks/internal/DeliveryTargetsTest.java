package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryTargetsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/hooks",
        "https://localhost:8080/api/v1/admin/users",
        "https://10.1.2.3/x",
        "https://172.16.0.9/x",
        "https://192.168.1.1/x",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.64.0.1/x",
        "https://0.0.0.0/x",
        "https://[::1]/x",
        "https://[fd00::1]/x",
        "https://[fe80::1]/x",
        "https://[::ffff:127.0.0.1]/x"
      })
  void theGatewaysOwnNetworkIsOutOfReach(String url) {
    assertThat(DeliveryTargets.refusal(url, false)).as(url).isPresent();
    assertThat(DeliveryTargets.refusal(url, true)).as("allowed for the demo and tests").isEmpty();
  }

  @Test
  void aPublicHttpsAddressIsFine() {
    assertThat(DeliveryTargets.refusal("https://93.184.216.34/hooks", false)).isEmpty();
    assertThat(DeliveryTargets.refusal("https://[2606:2800:220:1::1]/hooks", false)).isEmpty();
  }

  @Test
  void plainHttpAndOddUrlsAreNot() {
    assertThat(DeliveryTargets.refusal("http://93.184.216.34/hooks", false))
        .hasValueSatisfying(r -> assertThat(r).contains("https"));
    assertThat(DeliveryTargets.refusal("https://user:pw@93.184.216.34/", false)).isPresent();
    assertThat(DeliveryTargets.refusal("gopher://93.184.216.34/", true)).isPresent();
    assertThat(DeliveryTargets.refusal("not a url", true)).isPresent();
  }
}
