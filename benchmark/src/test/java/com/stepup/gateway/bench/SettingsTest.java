package com.stepup.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The options exactly as bench.sh and cluster.sh pass them, and the mistakes told apart. */
class SettingsTest {

  @Test
  void benchShsOptionsAreRead() {
    Settings s =
        Settings.parse(
            "--base", "http://localhost:8181",
            "--sandbox-base", "http://localhost:8181/klarna-sandbox",
            "--partner-key", "pk",
            "--sandbox-key", "sk",
            "--sales", "40",
            "--workers", "2",
            "--webhook-key-id", "krn:key",
            "--webhook-secret", "00ff",
            "--seconds", "2",
            "--warm-up-seconds", "1",
            "--paced-rates", "10,20.5",
            "--server-pid", "123",
            "--boot-seconds", "",
            "--server-options", "-Xmx320m -XX:+UseSerialGC",
            "--database", "H2 (embedded, file)",
            "--out", "target/results.md");

    assertThat(s.mode()).isEqualTo(Settings.Mode.BENCH);
    assertThat(s.sales()).isEqualTo(40);
    assertThat(s.workers()).isEqualTo(2);
    assertThat(s.measure()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.warmUp()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.pacedRates()).containsExactly(10, 20.5);
    assertThat(s.serverPid()).isEqualTo(123);
    assertThat(s.bootSeconds()).isEmpty();
    assertThat(s.serverOptions()).isEqualTo("-Xmx320m -XX:+UseSerialGC");
    assertThat(s.out()).isEqualTo(Path.of("target/results.md"));
    assertThat(s.signsWebhooks()).isTrue();
  }

  @Test
  void defaultsNeedOnlyTheTwoKeys() {
    Settings s = Settings.parse("--partner-key", "pk", "--sandbox-key", "sk");

    assertThat(s.mode()).isEqualTo(Settings.Mode.BENCH);
    assertThat(s.base()).isEqualTo("http://localhost:8181");
    assertThat(s.sales()).isEqualTo(400);
    assertThat(s.workers()).isEqualTo(8);
    assertThat(s.pacedRates()).isEmpty();
    assertThat(s.signsWebhooks()).isFalse();
    assertThat(s.killLog()).isNull();
  }

  @Test
  void clusterModeNeedsBothInstances() {
    assertThatThrownBy(
            () ->
                Settings.parse(
                    "--partner-key",
                    "pk",
                    "--sandbox-key",
                    "sk",
                    "--mode",
                    "cluster",
                    "--instance-a",
                    "http://localhost:8181"))
        .hasMessage("--instance-b is required");

    Settings s =
        Settings.parse(
            "--partner-key",
            "pk",
            "--sandbox-key",
            "sk",
            "--mode",
            "cluster",
            "--instance-a",
            "http://a",
            "--instance-b",
            "http://b");
    assertThat(s.instanceA()).isEqualTo("http://a");
    assertThat(s.instanceB()).isEqualTo("http://b");
  }

  @Test
  void killModeTakesTheScriptsLog() {
    Settings s =
        Settings.parse(
            "--partner-key",
            "pk",
            "--sandbox-key",
            "sk",
            "--mode",
            "kill",
            "--kill-log",
            "target/cluster/kills.txt",
            "--seconds",
            "40");

    assertThat(s.mode()).isEqualTo(Settings.Mode.KILL);
    assertThat(s.killLog()).isEqualTo(Path.of("target/cluster/kills.txt"));
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> Settings.parse("--sandbox-key", "sk"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--partner-key is required");
    assertThatThrownBy(
            () -> Settings.parse("--partner-key", "pk", "--sandbox-key", "sk", "--reads", "5"))
        .hasMessage("unknown option --reads");
    assertThatThrownBy(() -> Settings.parse("partner-key", "pk"))
        .hasMessage("unknown option partner-key");
    assertThatThrownBy(() -> Settings.parse("--partner-key", "pk", "--sandbox-key"))
        .hasMessage("--sandbox-key has no value");
    assertThatThrownBy(
            () -> Settings.parse("--partner-key", "pk", "--sandbox-key", "sk", "--mode", "x"))
        .hasMessage("--mode is bench, cluster or kill");
  }
}
