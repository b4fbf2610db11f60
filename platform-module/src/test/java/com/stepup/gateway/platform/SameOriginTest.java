package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SameOriginTest {

  static final String PUBLIC = "https://gateway.example";
  static final String OWN = "http://10.0.0.5:8080";

  @Test
  void serversAndSameOriginPagesPass() {
    assertThat(SameOrigin.check(null, null, PUBLIC, OWN)).as("a server").isTrue();
    assertThat(SameOrigin.check("https://gateway.example", "same-origin", PUBLIC, OWN)).isTrue();
    assertThat(SameOrigin.check("https://GATEWAY.example:443", null, PUBLIC, OWN)).isTrue();
    assertThat(SameOrigin.check("http://10.0.0.5:8080", null, PUBLIC, OWN))
        .as("the host the request came to")
        .isTrue();
  }

  @Test
  void anotherSiteDoesNot() {
    assertThat(SameOrigin.check("https://evil.example", "cross-site", PUBLIC, OWN)).isFalse();
    assertThat(SameOrigin.check("https://gateway.example.evil.example", null, PUBLIC, OWN))
        .isFalse();
    assertThat(SameOrigin.check("null", null, PUBLIC, OWN)).as("a sandboxed frame").isFalse();
    assertThat(SameOrigin.check(null, "cross-site", PUBLIC, OWN))
        .as("no Origin, but the browser says cross-site")
        .isFalse();
    assertThat(SameOrigin.check("http://gateway.example", null, PUBLIC, OWN))
        .as("another scheme is another origin")
        .isFalse();
  }

  @Test
  void originsAreNormalised() {
    assertThat(SameOrigin.of("http://LocalHost:80/x")).isEqualTo("http://localhost");
    assertThat(SameOrigin.of("https://a.example:8443/")).isEqualTo("https://a.example:8443");
    assertThat(SameOrigin.of("not a url")).isEmpty();
  }
}
