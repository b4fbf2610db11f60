package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.KlarnaException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Says why a Klarna call failed in TLS, in words an operator can act on: no call goes out while the
 * configured certificate is unusable, and a handshake Klarna refuses, or a server certificate the
 * gateway does not trust, becomes a {@link KlarnaException} naming the setting to look at (instead
 * of "no answer: SSLHandshakeException").
 */
final class KlarnaTlsFailures {

  static final String CONFIGURATION = "TLS_CONFIGURATION";
  static final String HANDSHAKE = "TLS_HANDSHAKE";

  private KlarnaTlsFailures() {}

  /**
   * The client with its TLS failures explained; when {@code tls} is unusable, a client that sends
   * nothing and fails every call with the reason.
   */
  static KlarnaApi guard(KlarnaApi api, KlarnaTls tls) {
    return (KlarnaApi)
        Proxy.newProxyInstance(
            KlarnaApi.class.getClassLoader(),
            new Class<?>[] {KlarnaApi.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(api, args);
              }
              if (tls.problem().isPresent()) {
                throw unusable(tls.problem().get());
              }
              try {
                return method.invoke(api, args);
              } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                throw explain(failure, tls).map(Throwable.class::cast).orElse(failure);
              }
            });
  }

  /** The certificate cannot be used: nothing was sent. */
  static KlarnaException unusable(String reason) {
    return new KlarnaException(
        0,
        "TECHNICAL_ERROR",
        CONFIGURATION,
        "no call sent to Klarna, the client certificate is not usable: " + reason,
        null,
        List.of());
  }

  /** A failure in TLS, explained; empty for any other failure. */
  static Optional<KlarnaException> explain(Throwable failure, KlarnaTls tls) {
    SSLException ssl = find(failure, SSLException.class);
    if (ssl == null) {
      return Optional.empty();
    }
    String what = ssl.getMessage();
    String why;
    if (find(failure, CertPathBuilderException.class) != null
        || find(failure, CertPathValidatorException.class) != null) {
      why =
          "the gateway does not trust Klarna's server certificate ("
              + what
              + "): add the CA that issued it to klarna.tls.trust-store";
    } else if (find(failure, CertificateException.class) != null) {
      why =
          "Klarna's server certificate was refused ("
              + what
              + "): check that it names the host of klarna.base-url";
    } else if (what != null && what.contains("Received fatal alert")) {
      why =
          "Klarna refused the TLS handshake ("
              + what
              + "): "
              + tls.clientCertificate()
                  .map(
                      c ->
                          "it did not accept the client certificate "
                              + tls.subject()
                              + " issued by "
                              + c.getIssuerX500Principal().getName())
                  .orElse("no client certificate was sent (klarna.tls.key-store is not set)");
    } else {
      why =
          "TLS with Klarna failed ("
              + what
              + ")"
              + (tls.clientCertificate().isEmpty()
                  ? "; no client certificate was sent (klarna.tls.key-store is not set)"
                  : "");
    }
    KlarnaException e = new KlarnaException(0, "TECHNICAL_ERROR", HANDSHAKE, why, null, List.of());
    e.initCause(failure);
    return Optional.of(e);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
