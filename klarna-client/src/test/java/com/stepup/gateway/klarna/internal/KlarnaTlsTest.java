package com.stepup.gateway.klarna.internal;

import static com.stepup.gateway.klarna.internal.TestCertificates.PASSWORD;
import static com.stepup.gateway.klarna.internal.TestCertificates.presenting;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** What {@code klarna.tls.*} gives, and what {@code /health/ready} says about it. */
class KlarnaTlsTest {

  static final TestCertificates CERTS = TestCertificates.get();
  static final Instant NOW = Instant.now();

  @Test
  void withoutSettingsNoCertificateIsSentAndReadinessSaysMutualTlsIsOff() {
    KlarnaTls tls = KlarnaTls.load(KlarnaTls.Settings.none());

    assertThat(tls.clientCertificate()).isEmpty();
    assertThat(tls.sslContext()).isPresent(); // the JDK's CAs, and no key store of the server's
    KlarnaTls.Readiness readiness = tls.readiness(NOW);
    assertThat(readiness.up()).isTrue();
    assertThat(readiness.data().get("mutual_tls")).contains("klarna.tls.key-store is not set");
  }

  @Test
  void aValidClientCertificateIsReadyAndReportsItsExpiry() {
    KlarnaTls tls = KlarnaTls.load(presenting(CERTS.client()));

    assertThat(tls.problem()).isEmpty();
    assertThat(tls.sslContext()).isPresent();
    KlarnaTls.Readiness readiness = tls.readiness(NOW);
    assertThat(readiness.up()).isTrue();
    assertThat(readiness.data())
        .containsEntry("client_certificate", "CN=Test-only acquirer")
        .containsEntry("trusted_cas", "the JDK's and 1 from klarna.tls.trust-store")
        .containsKey("client_certificate_expires_at")
        .doesNotContainKey("warning");
    assertThat(Instant.parse(readiness.data().get("client_certificate_expires_at")))
        .isBetween(NOW.plus(Duration.ofDays(364)), NOW.plus(Duration.ofDays(366)));
  }

  @Test
  void aWrongPasswordIsDownWithTheReasonAndNeverThePassword() {
    KlarnaTls tls =
        KlarnaTls.load(
            new KlarnaTls.Settings(
                Optional.of(CERTS.client().toString()),
                Optional.of("not-the-password"),
                Optional.empty(),
                Optional.empty()));

    KlarnaTls.Readiness readiness = tls.readiness(NOW);
    assertThat(readiness.up()).isFalse();
    assertThat(readiness.data().get("reason"))
        .isEqualTo(
            "klarna.tls.key-store "
                + CERTS.client()
                + ": wrong password (klarna.tls.key-store-password)");
    assertThat(readiness.data().toString()).doesNotContain("not-the-password");
    assertThat(tls.sslContext()).isEmpty();
  }

  @Test
  void aWrongTrustStorePasswordNamesTheTrustStore() {
    KlarnaTls tls =
        KlarnaTls.load(
            new KlarnaTls.Settings(
                Optional.of(CERTS.client().toString()),
                Optional.of(PASSWORD),
                Optional.of(CERTS.trustStore().toString()),
                Optional.of("nope-nope")));

    assertThat(tls.problem())
        .contains(
            "klarna.tls.trust-store "
                + CERTS.trustStore()
                + ": wrong password (klarna.tls.trust-store-password)");
  }

  @Test
  void aMissingFileIsDown() {
    Path missing = CERTS.dir.resolve("no-such.p12");
    KlarnaTls tls = KlarnaTls.load(presenting(missing));

    assertThat(tls.readiness(NOW).up()).isFalse();
    assertThat(tls.problem()).contains("klarna.tls.key-store " + missing + " does not exist");
  }

  @Test
  void aDirectoryOrAFileThatIsNotPkcs12IsDown() {
    assertThat(KlarnaTls.load(presenting(CERTS.dir)).problem())
        .contains("klarna.tls.key-store " + CERTS.dir + " cannot be read by the gateway's user");
    assertThat(KlarnaTls.load(presenting(CERTS.dir.resolve("ca.pem"))).problem())
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith(
                        "klarna.tls.key-store "
                            + CERTS.dir.resolve("ca.pem")
                            + " is not a PKCS#12 file"));
  }

  @Test
  void aKeyStoreWithoutAPrivateKeyIsDown() {
    KlarnaTls tls = KlarnaTls.load(presenting(CERTS.trustStore()));

    assertThat(tls.readiness(NOW).up()).isFalse();
    assertThat(tls.problem())
        .hasValueSatisfying(p -> assertThat(p).contains("holds no private key"));
  }

  @Test
  void aKeyStoreWithoutItsPasswordSettingIsDown() {
    KlarnaTls tls =
        KlarnaTls.load(
            new KlarnaTls.Settings(
                Optional.of(CERTS.client().toString()),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));

    assertThat(tls.problem()).contains("klarna.tls.key-store-password is not set");
  }

  @Test
  void aCertificateRunningOutWithin30DaysIsStillReadyWithAWarning() {
    KlarnaTls tls = KlarnaTls.load(presenting(CERTS.client()));
    Instant end = tls.expiresAt().orElseThrow();

    KlarnaTls.Readiness readiness = tls.readiness(end.minus(Duration.ofDays(10)));

    assertThat(readiness.up()).isTrue();
    assertThat(readiness.data())
        .containsEntry(
            "warning",
            "the client certificate CN=Test-only acquirer expires in 10 days ("
                + end
                + "): renew it and replace klarna.tls.key-store")
        .containsEntry("client_certificate_expires_at", end.toString());
    assertThat(tls.readiness(end.minus(Duration.ofDays(31))).data()).doesNotContainKey("warning");
  }

  @Test
  void anExpiredCertificateIsDown() {
    KlarnaTls tls = KlarnaTls.load(presenting(CERTS.client()));

    KlarnaTls.Readiness readiness = tls.readiness(tls.expiresAt().orElseThrow().plusSeconds(1));

    assertThat(readiness.up()).isFalse();
    assertThat(readiness.data().get("reason"))
        .isEqualTo("the client certificate CN=Test-only acquirer has expired");
  }

  @Test
  void theReadinessCheckWarnsOfExpiryOnReadyAndStaysUp() {
    KlarnaTlsConfig config = configured(CERTS.client().toString(), PASSWORD);
    Instant end = config.tls().expiresAt().orElseThrow();

    HealthCheckResponse response =
        new KlarnaTlsReadiness(
                config, Clock.fixed(end.minus(Duration.ofDays(3)), ZoneOffset.UTC), null)
            .call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData().orElseThrow())
        .containsEntry("client_certificate_expires_at", end.toString())
        .containsKey("warning");
  }

  @Test
  void theReadinessCheckReportsDownWithTheReasonAsData() {
    KlarnaTlsConfig config = configured(CERTS.client().toString(), "wrong-password");

    HealthCheckResponse response =
        new KlarnaTlsReadiness(config, Clock.fixed(NOW, ZoneOffset.UTC), null).call();

    assertThat(response.getName()).isEqualTo("klarna-tls");
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData().orElseThrow())
        .containsEntry(
            "reason",
            "klarna.tls.key-store "
                + CERTS.client()
                + ": wrong password (klarna.tls.key-store-password)");
  }

  private static KlarnaTlsConfig configured(String keyStore, String password) {
    KlarnaTlsConfig config = new KlarnaTlsConfig();
    config.keyStore = Optional.of(keyStore);
    config.keyStorePassword = Optional.of(password);
    config.trustStore = Optional.empty();
    config.trustStorePassword = Optional.empty();
    config.load();
    return config;
  }
}
