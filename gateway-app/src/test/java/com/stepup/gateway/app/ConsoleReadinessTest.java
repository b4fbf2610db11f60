package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleReadinessTest {

  static NullPointerException thrownBy(String className) {
    var npe =
        new NullPointerException(
            "Cannot invoke \"jakarta.ws.rs.container.ResourceInfo.getResourceMethod()\" because"
                + " \"this.resourceInfo\" is null");
    npe.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(className, "filter", "X.java", 1),
          new StackTraceElement(
              "org.glassfish.jersey.server.ContainerFilteringStage", "apply", "Y.java", 2)
        });
    return npe;
  }

  @Test
  void theKrazoRaceIsRecognisedWhereverItIsWrapped() {
    var race = thrownBy("org.eclipse.krazo.security.CsrfValidateFilter");
    assertThat(ConsoleReadiness.fromTheCsrfFilter(race)).isTrue();
    assertThat(ConsoleReadiness.fromTheCsrfFilter(new RuntimeException("wrapped", race))).isTrue();
    assertThat(ConsoleReadiness.fromTheCsrfFilter(thrownBy("com.stepup.gateway.Other"))).isFalse();
    assertThat(ConsoleReadiness.fromTheCsrfFilter(new IllegalStateException("x"))).isFalse();
  }

  @Test
  void aConsoleWhosePostsFailInTheFilterIsNeitherReadyNorLive() {
    var check = new ConsoleReadiness();
    assertThat(check.call().getStatus().name()).isEqualTo("UP");
    ConsoleReadiness.filterFailed(thrownBy("org.eclipse.krazo.security.CsrfValidateFilter"));
    var after = check.call();
    assertThat(after.getStatus().name()).isEqualTo("DOWN");
    assertThat(after.getData().orElseThrow().get("csrf_filter").toString()).contains("CSRF filter");
  }

  @Test
  void aBusyServersAnswerToTheProbeIsNotABrokenConsole() {
    // 64 trickling bodies at boot make BodyLimits answer 503: that must not kill every boot
    assertThat(ConsoleReadiness.brokenBy(503)).isFalse();
    assertThat(ConsoleReadiness.brokenBy(403)).isFalse();
    assertThat(ConsoleReadiness.brokenBy(500)).isTrue();
  }
}
