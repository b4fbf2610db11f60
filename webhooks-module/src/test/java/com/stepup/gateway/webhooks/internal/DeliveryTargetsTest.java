package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
        "https://[::ffff:127.0.0.1]/x",
        "https://[64:ff9b::7f00:1]/x",
        "https://[::127.0.0.1]/x",
        "https://[64:ff9b::a9fe:a9fe]/x",
        "https://[::]/x"
      })
  void theGatewaysOwnNetworkIsOutOfReach(String url) {
    assertThat(DeliveryTargets.refusal(url, false)).as(url).isPresent();
    assertThat(DeliveryTargets.refusal(url, true)).as("allowed for the demo and tests").isEmpty();
  }

  /** IANA's special-purpose registries, both families, and the wrapped forms: never global. */
  @ParameterizedTest
  @CsvSource({
    // address, global?
    "8.8.8.8, true",
    "93.184.216.34, true",
    "1.1.1.1, true",
    "0.1.2.3, false",
    "10.255.0.1, false",
    "100.127.255.255, false",
    "100.128.0.1, true",
    "127.1.2.3, false",
    "169.254.0.1, false",
    "172.31.255.255, false",
    "172.32.0.1, true",
    "192.0.0.8, false",
    "192.0.2.55, false",
    "192.31.196.1, false",
    "192.52.193.1, false",
    "192.88.99.1, false",
    "192.168.100.100, false",
    "192.175.48.1, false",
    "198.18.0.1, false",
    "198.19.255.255, false",
    "198.51.100.7, false",
    "203.0.113.9, false",
    "224.0.0.1, false",
    "239.255.255.250, false",
    "240.0.0.1, false",
    "255.255.255.255, false",
    "2606:2800:220:1::1, true",
    "2a00:1450:4001:82a::200e, true",
    "::, false",
    "::1, false",
    "::ffff:8.8.8.8, true",
    "::ffff:10.0.0.1, false",
    "::8.8.8.8, true",
    "::10.0.0.1, false",
    "64:ff9b::808:808, true",
    "64:ff9b::a00:1, false",
    "64:ff9b:1::1, false",
    "100::1, false",
    "2001::1, false",
    "2001:2::1, false",
    "2001:20::1, false",
    "2001:db8::1, false",
    "2002:7f00:1::1, false",
    "3fff::1, false",
    "5f00::1, false",
    "fc00::1, false",
    "fd12:3456::1, false",
    "fe80::1, false",
    "fec0::1, false",
    "ff02::1, false",
  })
  void onlyGlobalUnicastAddressesAreGlobal(String address, boolean global) throws Exception {
    assertThat(DeliveryTargets.isGlobal(InetAddress.getByName(address)))
        .as(address)
        .isEqualTo(global);
  }

  @Test
  void theHostsOwnAddressesAreRefusedEvenWhenPublic() throws Exception {
    InetAddress mine = InetAddress.getByName("93.184.216.34");
    Object verdict =
        DeliveryTargets.check(
            "https://gateway.example/hooks", false, host -> new InetAddress[] {mine}, Set.of(mine));
    assertThat(verdict).isInstanceOf(String.class);
    assertThat(
            DeliveryTargets.check(
                "https://partner.example/hooks",
                false,
                host -> new InetAddress[] {mine},
                Set.of(InetAddress.getByName("8.8.8.8"))))
        .isInstanceOf(DeliveryTargets.Target.class);
  }

  @Test
  void aNameIsCheckedForEveryAddressAndTheFirstIsTheOneConnectedTo() throws Exception {
    InetAddress outside = InetAddress.getByName("93.184.216.34");
    InetAddress inside = InetAddress.getByName("10.0.0.7");
    assertThat(
            DeliveryTargets.check(
                "https://rebind.example/x",
                false,
                host -> new InetAddress[] {outside, inside},
                Set.of()))
        .as("one inside address is enough to refuse")
        .isInstanceOf(String.class);
    Object target =
        DeliveryTargets.check(
            "https://partner.example:8443/x", false, host -> new InetAddress[] {outside}, Set.of());
    assertThat(target)
        .isEqualTo(
            new DeliveryTargets.Target(
                java.net.URI.create("https://partner.example:8443/x"), outside));
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
