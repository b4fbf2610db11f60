package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.KlarnaException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Instant;
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
              tls.forgetHandshake();
              try {
                Object answer = method.invoke(api, args);
                tls.succeeded();
                return answer;
              } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                Optional<KlarnaException> explained = explain(failure, tls);
                if (explained.isEmpty()) {
                  if (failure instanceof KlarnaException) {
                    tls.succeeded(); // Klarna answered (with an error): TLS worked
                  }
                  throw failure;
                }
                tls.failed(explained.get().getMessage(), Instant.now());
                throw explained.get();
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

  /**
   * A failure in TLS, explained; empty for any other failure. Under TLS 1.3 a server refuses a
   * client certificate after the client's side of the handshake is done, so the refusal may arrive
   * as a closed connection: when the server asked for a certificate in this call's handshake, such
   * a close is read as that refusal.
   */
  static Optional<KlarnaException> explain(Throwable failure, KlarnaTls tls) {
    SSLException ssl = find(failure, SSLException.class);
    Optional<RecordingKeyManager.CertificateRequest> asked = tls.lastCertificateRequest();
    String why;
    if (ssl != null
        && (find(failure, CertPathBuilderException.class) != null
            || find(failure, CertPathValidatorException.class) != null)) {
      why =
          "the gateway does not trust Klarna's server certificate ("
              + ssl.getMessage()
              + "): add the CA that issued it to klarna.tls.trust-store";
    } else if (ssl != null && find(failure, CertificateException.class) != null) {
      why =
          "Klarna's server certificate was refused ("
              + ssl.getMessage()
              + "): check that it names the host of klarna.base-url";
    } else if (asked.isPresent() && (ssl != null || closed(failure))) {
      why =
          "Klarna refused the connection after asking for a client certificate ("
              + (ssl != null ? ssl : root(failure)).getMessage()
              + "): "
              + refusal(asked.get(), tls);
    } else if (ssl != null) {
      why =
          "TLS with Klarna failed ("
              + ssl.getMessage()
              + ")"
              + (tls.clientCertificate().isEmpty()
                  ? "; no client certificate is configured (klarna.tls.key-store)"
                  : "");
    } else {
      return Optional.empty();
    }
    KlarnaException e = new KlarnaException(0, "TECHNICAL_ERROR", HANDSHAKE, why, null, List.of());
    e.initCause(failure);
    return Optional.of(e);
  }

  /** What the gateway sent when Klarna asked for a certificate, and so what to fix. */
  private static String refusal(RecordingKeyManager.CertificateRequest asked, KlarnaTls tls) {
    String accepted =
        asked.acceptedIssuers().isEmpty()
            ? ""
            : " (Klarna accepts certificates issued by " + asked.acceptedIssuers() + ")";
    if (asked.sent() != null) {
      return "it did not accept the client certificate "
          + asked.sent().getSubjectX500Principal().getName()
          + " issued by "
          + asked.sent().getIssuerX500Principal().getName()
          + accepted;
    }
    if (tls.clientCertificate().isEmpty()) {
      return "no client certificate was sent, klarna.tls.key-store is not set";
    }
    return "no client certificate was sent: "
        + tls.subject()
        + " in klarna.tls.key-store is not issued by a CA Klarna accepts"
        + accepted;
  }

  /** The connection was closed or reset under the call (not a time-out, not refused at once). */
  private static boolean closed(Throwable failure) {
    Throwable root = root(failure);
    return root instanceof IOException
        && !(root instanceof SocketTimeoutException)
        && !(root instanceof ConnectException)
        && !(root instanceof UnknownHostException);
  }

  private static Throwable root(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
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
