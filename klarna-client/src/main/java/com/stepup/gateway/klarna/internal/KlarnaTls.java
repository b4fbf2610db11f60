package com.stepup.gateway.klarna.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Mutual TLS to Klarna, from {@code klarna.tls.*}: the acquirer's client certificate (a PKCS#12 key
 * store) presented on every call, and Klarna's server trusted by the JDK's own CAs plus those of an
 * optional PKCS#12 trust store. Loaded once; a store that cannot be used is kept as a {@link
 * #problem()} in words an operator can act on (never a stack trace, never a password), so the
 * gateway still starts, reports it on {@code /health/ready} and refuses Klarna calls with it.
 */
final class KlarnaTls {

  /** A client certificate this close to its end is a warning. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  /** What {@code klarna.tls.*} says; an absent or blank value is "not set". */
  record Settings(
      Optional<String> keyStore,
      Optional<String> keyStorePassword,
      Optional<String> trustStore,
      Optional<String> trustStorePassword) {

    static Settings none() {
      return new Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** What {@code /health/ready} shows: up or down, and the facts behind it. */
  record Readiness(boolean up, Map<String, String> data) {}

  private final SSLContext sslContext;
  private final RecordingKeyManager keyManager;
  private final X509Certificate clientCertificate;
  private final int extraTrustedCas;
  private final String problem;

  /** The last call's TLS failure, explained, until a call goes through. */
  private volatile String lastFailure;

  private KlarnaTls(
      SSLContext sslContext,
      RecordingKeyManager keyManager,
      X509Certificate clientCertificate,
      int extraTrustedCas,
      String problem) {
    this.sslContext = sslContext;
    this.keyManager = keyManager;
    this.clientCertificate = clientCertificate;
    this.extraTrustedCas = extraTrustedCas;
    this.problem = problem;
  }

  /**
   * Reads the stores named in {@code settings}; never throws. With none named, the context trusts
   * the JDK's CAs and presents no certificate (nor the server's own key store, which the JVM's
   * default context would offer).
   */
  static KlarnaTls load(Settings settings) {
    Optional<String> keyStore = settings.keyStore().filter(s -> !s.isBlank());
    Optional<String> trustStore = settings.trustStore().filter(s -> !s.isBlank());
    try {
      X509KeyManager keys = null;
      X509Certificate certificate = null;
      if (keyStore.isPresent()) {
        char[] password =
            settings
                .keyStorePassword()
                .orElseThrow(() -> new Unusable("klarna.tls.key-store-password is not set"))
                .toCharArray();
        KeyStore store = read("klarna.tls.key-store", keyStore.get(), password);
        certificate = clientCertificate(store, keyStore.get());
        keys = keyManager(store, password);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      int extraCas = 0;
      if (trustStore.isPresent()) {
        KeyStore trusted = jdkCas();
        int jdkCas = trusted.size();
        char[] password = settings.trustStorePassword().map(String::toCharArray).orElse(null);
        KeyStore extra = read("klarna.tls.trust-store", trustStore.get(), password);
        for (String alias : Collections.list(extra.aliases())) {
          if (extra.getCertificate(alias) instanceof X509Certificate ca) {
            trusted.setCertificateEntry("klarna-tls-trust-store-" + alias, ca);
          }
        }
        extraCas = trusted.size() - jdkCas;
        if (extraCas == 0) {
          throw new Unusable(
              "klarna.tls.trust-store "
                  + trustStore.get()
                  + " holds no CA certificate"
                  + (password == null ? " (is klarna.tls.trust-store-password set?)" : ""));
        }
        trust.init(trusted);
      } else {
        trust.init((KeyStore) null);
      }
      RecordingKeyManager recording = new RecordingKeyManager(keys);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {recording}, trust.getTrustManagers(), null);
      return new KlarnaTls(context, recording, certificate, extraCas, null);
    } catch (Unusable e) {
      return new KlarnaTls(null, null, null, 0, e.getMessage());
    } catch (GeneralSecurityException | IOException e) {
      return new KlarnaTls(null, null, null, 0, "the TLS set-up failed: " + e.getMessage());
    }
  }

  /** The context for Klarna calls; empty when the configured stores cannot be used. */
  Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  /** The certificate presented to Klarna (the one that runs out first, if several). */
  Optional<X509Certificate> clientCertificate() {
    return Optional.ofNullable(clientCertificate);
  }

  /** Before a call: forget what the last handshake on this thread saw. */
  void forgetHandshake() {
    if (keyManager != null) {
      keyManager.forget();
    }
  }

  /** Whether, in the last handshake on this thread, the server asked for a client certificate. */
  Optional<RecordingKeyManager.CertificateRequest> lastCertificateRequest() {
    return keyManager == null ? Optional.empty() : keyManager.lastRequest();
  }

  /** A Klarna call failed in TLS ({@code why} as {@link KlarnaTlsFailures} explained it). */
  void failed(String why, Instant at) {
    lastFailure = at + ": " + why;
  }

  /** A Klarna call went through: a failure before it is over. */
  void succeeded() {
    if (lastFailure != null) {
      lastFailure = null;
    }
  }

  /** Why the configured stores cannot be used. */
  Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** When the client certificate runs out. */
  Optional<Instant> expiresAt() {
    return clientCertificate().map(c -> c.getNotAfter().toInstant());
  }

  /** A warning for an operator when the client certificate runs out within 30 days. */
  Optional<String> expiryWarning(Instant now) {
    return expiresAt()
        .filter(end -> end.isAfter(now) && end.isBefore(now.plus(EXPIRY_WARNING)))
        .map(
            end ->
                "the client certificate "
                    + subject()
                    + " expires in "
                    + Duration.between(now, end).toDays()
                    + " days ("
                    + end
                    + "): renew it and replace klarna.tls.key-store");
  }

  /** Down for an unusable store or an expired certificate; up otherwise, with what is in use. */
  Readiness readiness(Instant now) {
    var data = new LinkedHashMap<String, String>();
    if (problem != null) {
      data.put("reason", problem);
      return new Readiness(false, data);
    }
    boolean up = true;
    if (clientCertificate == null) {
      data.put("mutual_tls", "off: klarna.tls.key-store is not set, no client certificate is sent");
    } else {
      data.put("client_certificate", subject());
      data.put("client_certificate_expires_at", expiresAt().orElseThrow().toString());
      if (!expiresAt().orElseThrow().isAfter(now)) {
        data.put("reason", "the client certificate " + subject() + " has expired");
        up = false;
      }
      expiryWarning(now).ifPresent(w -> data.put("warning", w));
    }
    data.put(
        "trusted_cas",
        extraTrustedCas == 0
            ? "the JDK's"
            : "the JDK's and " + extraTrustedCas + " from klarna.tls.trust-store");
    // Klarna refusing the handshake is shown, not DOWN: readiness must not follow a remote party
    String failure = lastFailure;
    if (failure != null) {
      data.put("last_tls_failure", failure);
    }
    return new Readiness(up, data);
  }

  String subject() {
    return clientCertificate == null
        ? "none"
        : clientCertificate.getSubjectX500Principal().getName();
  }

  /** Opens a PKCS#12 file, saying which setting is wrong when it cannot. */
  private static KeyStore read(String setting, String file, char[] password)
      throws GeneralSecurityException {
    Path path = Path.of(file);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, password);
      return store;
    } catch (NoSuchFileException e) {
      throw new Unusable(setting + " " + file + " does not exist");
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw new Unusable(setting + " " + file + ": wrong password (" + setting + "-password)");
      }
      if (!Files.isReadable(path) || Files.isDirectory(path)) {
        throw new Unusable(setting + " " + file + " cannot be read by the gateway's user");
      }
      throw new Unusable(setting + " " + file + " is not a PKCS#12 file (" + e.getMessage() + ")");
    }
  }

  /**
   * The key store's certificate with a private key: there must be one, else the handshake would go
   * out without a certificate. With several, the one that runs out first is reported.
   */
  private static X509Certificate clientCertificate(KeyStore keys, String file)
      throws GeneralSecurityException {
    X509Certificate first = null;
    for (String alias : Collections.list(keys.aliases())) {
      if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate c) {
        if (first == null || c.getNotAfter().before(first.getNotAfter())) {
          first = c;
        }
      }
    }
    if (first == null) {
      throw new Unusable(
          "klarna.tls.key-store "
              + file
              + " holds no private key with its certificate (it must hold the client certificate"
              + " and its private key)");
    }
    return first;
  }

  /** The JDK's default trusted CAs, in a store that the trust store's CAs are added to. */
  private static KeyStore jdkCas() throws GeneralSecurityException, IOException {
    TrustManagerFactory jdk =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((KeyStore) null);
    KeyStore all = KeyStore.getInstance("PKCS12");
    all.load(null, null);
    int n = 0;
    for (TrustManager tm : jdk.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        for (Certificate ca : x509.getAcceptedIssuers()) {
          all.setCertificateEntry("jdk-" + n++, ca);
        }
      }
    }
    return all;
  }

  private static X509KeyManager keyManager(KeyStore keys, char[] password)
      throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    try {
      kmf.init(keys, password);
    } catch (UnrecoverableKeyException e) {
      throw new Unusable(
          "klarna.tls.key-store: its private key has another password than the store");
    }
    for (KeyManager km : kmf.getKeyManagers()) {
      if (km instanceof X509KeyManager x509) {
        return x509;
      }
    }
    throw new Unusable("klarna.tls.key-store: the JDK offers no X.509 key manager for it");
  }

  /** A store that cannot be used, in words for an operator. */
  private static final class Unusable extends RuntimeException {
    Unusable(String reason) {
      super(reason, null, false, false);
    }
  }

  @Override
  public String toString() {
    return problem != null ? "unusable: " + problem : "client certificate " + subject();
  }
}
