package com.stepup.gateway.klarna.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.stepup.gateway.klarna.KlarnaException;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real TLS handshake with a server on 127.0.0.1 that demands a client certificate from the test
 * CA, as Klarna does from an acquirer: through the client's own connections ({@link
 * KlarnaConnections}) with the {@link KlarnaTls} context, and the failures explained by {@link
 * KlarnaTlsFailures}.
 */
class KlarnaTlsHandshakeTest {

  static final TestCertificates CERTS = TestCertificates.get();
  static HttpsServer klarna;
  static String base;

  @BeforeAll
  static void startAServerThatDemandsAClientCertificate() throws Exception {
    SSLContext server = SSLContext.getInstance("TLS");
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store(CERTS.server()), TestCertificates.PASSWORD.toCharArray());
    TrustManagerFactory clients =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    clients.init(store(CERTS.trustStore()));
    server.init(keys.getKeyManagers(), clients.getTrustManagers(), null);

    klarna = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    klarna.setHttpsConfigurator(
        new HttpsConfigurator(server) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = server.getDefaultSSLParameters();
            p.setNeedClientAuth(true);
            params.setSSLParameters(p);
          }
        });
    klarna.createContext(
        "/v2/notification/webhooks",
        exchange -> {
          String client;
          try {
            client = ((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName();
          } catch (SSLPeerUnverifiedException e) {
            client = "none";
          }
          byte[] body =
              ("{\"webhooks\":[],\"client\":\"" + client + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    klarna.start();
    base = "https://127.0.0.1:" + klarna.getAddress().getPort() + "/";
  }

  @AfterAll
  static void stop() {
    klarna.stop(0);
  }

  @Test
  void withTheClientCertificateTheCallSucceedsAndKlarnaSeesWhoCalls() {
    KlarnaTls tls = KlarnaTls.load(TestCertificates.presenting(CERTS.client()));

    String answer = get(tls);

    assertThat(answer).isEqualTo("{\"webhooks\":[],\"client\":\"CN=Test-only acquirer\"}");
  }

  @Test
  void withoutAClientCertificateTheHandshakeFailsAndTheErrorSaysWhy() {
    KlarnaTls tls = KlarnaTls.load(TestCertificates.trustingOnly());

    KlarnaException e = explained(catchThrowable(() -> get(tls)), tls);

    assertThat(e.errorCode()).isEqualTo(KlarnaTlsFailures.HANDSHAKE);
    assertThat(e.getMessage())
        .startsWith("Klarna refused the connection after asking for a client certificate (")
        .endsWith("): no client certificate was sent, klarna.tls.key-store is not set");
    assertThat(e.retryable()).isTrue(); // nothing was done at Klarna
  }

  @Test
  void aServerCertificateFromACaNotTrustedSaysWhereToAddIt() {
    KlarnaTls tls =
        KlarnaTls.load(
            new KlarnaTls.Settings(
                Optional.of(CERTS.client().toString()),
                Optional.of(TestCertificates.PASSWORD),
                Optional.empty(),
                Optional.empty()));

    KlarnaException e = explained(catchThrowable(() -> get(tls)), tls);

    assertThat(e.getMessage())
        .startsWith("the gateway does not trust Klarna's server certificate (")
        .endsWith("): add the CA that issued it to klarna.tls.trust-store");
  }

  @Test
  void aServerThatRefusesTheCertificateNamesIt() {
    // a certificate from a CA the server does not trust
    KlarnaTls tls = KlarnaTls.load(TestCertificates.presenting(CERTS.clientSelfSigned()));
    assertThat(tls.problem()).isEmpty();

    KlarnaException e = explained(catchThrowable(() -> get(tls)), tls);

    assertThat(e.getMessage())
        .endsWith(
            "): no client certificate was sent: CN=Test-only stranger in klarna.tls.key-store is"
                + " not issued by a CA Klarna accepts (Klarna accepts certificates issued by"
                + " [CN=Test-only CA])");
  }

  @Test
  void aFailureWithoutTlsIsNotExplainedAsOne() {
    KlarnaTls tls = KlarnaTls.load(TestCertificates.presenting(CERTS.client()));
    tls.forgetHandshake();

    assertThat(
            KlarnaTlsFailures.explain(
                new UncheckedIOException(new SocketTimeoutException("Read timed out")), tls))
        .isEmpty();
  }

  @Test
  void throughTheGuardedClientAnUnusableCertificateSendsNothingAndSaysWhy() {
    KlarnaTls tls = KlarnaTls.load(TestCertificates.presenting(CERTS.dir.resolve("missing.p12")));
    KlarnaApi neverCalled =
        KlarnaTlsFailures.guard(
            (KlarnaApi)
                java.lang.reflect.Proxy.newProxyInstance(
                    KlarnaApi.class.getClassLoader(),
                    new Class<?>[] {KlarnaApi.class},
                    (proxy, method, args) -> {
                      throw new AssertionError("sent despite an unusable certificate");
                    }),
            tls);

    KlarnaException e = (KlarnaException) catchThrowable(neverCalled::webhooks);

    assertThat(e.errorCode()).isEqualTo(KlarnaTlsFailures.CONFIGURATION);
    assertThat(e.describe())
        .isEqualTo(
            "no answer TLS_CONFIGURATION: no call sent to Klarna, the client certificate is not"
                + " usable: klarna.tls.key-store "
                + CERTS.dir.resolve("missing.p12")
                + " does not exist");
  }

  @Test
  void throughTheGuardedClientAHandshakeFailureIsExplained() {
    KlarnaTls tls = KlarnaTls.load(TestCertificates.trustingOnly());
    KlarnaApi overTls =
        KlarnaTlsFailures.guard(
            (KlarnaApi)
                java.lang.reflect.Proxy.newProxyInstance(
                    KlarnaApi.class.getClassLoader(),
                    new Class<?>[] {KlarnaApi.class},
                    (proxy, method, args) -> {
                      get(tls);
                      return null;
                    }),
            tls);

    Throwable e = catchThrowable(overTls::webhooks);

    assertThat(e).isInstanceOf(KlarnaException.class);
    assertThat(((KlarnaException) e).errorCode()).isEqualTo(KlarnaTlsFailures.HANDSHAKE);
    // readiness shows it (still UP: Klarna's side is not the gateway's readiness)
    KlarnaTls.Readiness readiness = tls.readiness(java.time.Instant.now());
    assertThat(readiness.up()).isTrue();
    assertThat(readiness.data().get("last_tls_failure"))
        .endsWith(": " + e.getMessage())
        .contains("no client certificate was sent, klarna.tls.key-store is not set");
  }

  @Test
  void aCallThatGoesThroughClearsTheLastFailureFromReadiness() {
    KlarnaTls tls = KlarnaTls.load(TestCertificates.presenting(CERTS.client()));
    tls.failed("an earlier refusal", java.time.Instant.now());
    KlarnaApi overTls =
        KlarnaTlsFailures.guard(
            (KlarnaApi)
                java.lang.reflect.Proxy.newProxyInstance(
                    KlarnaApi.class.getClassLoader(),
                    new Class<?>[] {KlarnaApi.class},
                    (proxy, method, args) -> {
                      get(tls);
                      return null;
                    }),
            tls);

    overTls.webhooks();

    assertThat(tls.readiness(java.time.Instant.now()).data()).doesNotContainKey("last_tls_failure");
  }

  /** One GET through the client's pooled connections with the context from {@code tls}. */
  private static String get(KlarnaTls tls) {
    tls.forgetHandshake();
    try (KlarnaConnections wire =
        new KlarnaConnections(
            new KlarnaConnections.Settings(
                base,
                "key",
                KlarnaIntegrationMetadata.header("test"),
                tls.sslContext().orElse(null),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                2,
                Duration.ofSeconds(30)))) {
      return new KlarnaEndpoints(wire).webhooks().toString();
    }
  }

  private static KlarnaException explained(Throwable failure, KlarnaTls tls) {
    assertThat(failure).isInstanceOf(UncheckedIOException.class);
    return KlarnaTlsFailures.explain(failure, tls)
        .orElseThrow(() -> new AssertionError("not explained", failure));
  }

  private static KeyStore store(java.nio.file.Path file) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    return store;
  }
}
