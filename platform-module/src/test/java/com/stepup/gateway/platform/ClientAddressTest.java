package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored() {
    ClientAddress none = new ClientAddress("");
    assertThat(none.of("198.51.100.7", List.of("203.0.113.1"))).isEqualTo("198.51.100.7");
  }

  @Test
  void aPeerThatIsNoTrustedProxyCannotChooseItsAddress() {
    ClientAddress a = new ClientAddress("127.0.0.1, 10.0.0.0/8");
    assertThat(a.of("198.51.100.7", List.of("203.0.113.1"))).isEqualTo("198.51.100.7");
  }

  @Test
  void behindATrustedProxyTheClientIsTheRightmostUntrustedHop() {
    ClientAddress a = new ClientAddress("127.0.0.1, 10.0.0.0/8");
    assertThat(a.of("127.0.0.1", List.of("203.0.113.1"))).isEqualTo("203.0.113.1");
    // a forged first entry stays on the left, where nobody reads it
    assertThat(a.of("127.0.0.1", List.of("192.0.2.66, 203.0.113.1"))).isEqualTo("203.0.113.1");
    assertThat(a.of("127.0.0.1", List.of("192.0.2.66", "203.0.113.1, 10.1.2.3")))
        .isEqualTo("203.0.113.1");
    assertThat(a.of("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
  }

  @Test
  void garbageAndHostNamesAreNeverBelievedOrResolved() {
    ClientAddress a = new ClientAddress("127.0.0.1");
    assertThat(a.of("127.0.0.1", List.of("localhost"))).isEqualTo("127.0.0.1");
    assertThat(a.of("127.0.0.1", List.of("evil.example, 203.0.113.1"))).isEqualTo("203.0.113.1");
    assertThat(a.of("127.0.0.1", List.of("203.0.113.1, <script>"))).isEqualTo("127.0.0.1");
  }

  @Test
  void rangesAndIpv6() {
    ClientAddress a = new ClientAddress("::1, 2001:db8::/32, 192.168.0.0/23");
    assertThat(a.isTrusted("::1")).isTrue();
    assertThat(a.isTrusted("[2001:db8:ffff::5]")).isTrue();
    assertThat(a.isTrusted("2001:db9::5")).isFalse();
    assertThat(a.isTrusted("192.168.1.200")).isTrue();
    assertThat(a.isTrusted("192.168.2.1")).isFalse();
    assertThat(a.of("::1", List.of("2001:db8:1::9, 2a00:1450::1"))).isEqualTo("2a00:1450::1");
  }

  @Test
  void aWrongSettingIsSaidAtStart() {
    assertThatThrownBy(() -> new ClientAddress("proxy.internal"))
        .hasMessageContaining("gateway.http.trusted-proxies");
    assertThatThrownBy(() -> new ClientAddress("10.0.0.0/33"))
        .hasMessageContaining("prefix length");
  }
}
