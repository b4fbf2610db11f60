package com.stepup.gateway.klarna.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The client's key manager, remembering on the calling thread whether the server asked for a client
 * certificate and which one went out. Under TLS 1.3 a server checks the client certificate after
 * the client has finished its handshake, so a refusal reaches the client as a closed connection,
 * not as a TLS alert; what this remembers is how the gateway can still say why.
 */
final class RecordingKeyManager extends X509ExtendedKeyManager {

  /** The server's certificate request: the CAs it accepts, and what was sent (null: nothing). */
  record CertificateRequest(List<String> acceptedIssuers, X509Certificate sent) {}

  private final X509KeyManager keys; // null: no client certificate configured
  private final ThreadLocal<CertificateRequest> lastRequest = new ThreadLocal<>();

  RecordingKeyManager(X509KeyManager keys) {
    this.keys = keys;
  }

  /** Forget the last request seen on this thread (before a call). */
  void forget() {
    lastRequest.remove();
  }

  /** The certificate request of the last handshake on this thread, if the server made one. */
  Optional<CertificateRequest> lastRequest() {
    return Optional.ofNullable(lastRequest.get());
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return record(issuers, keys == null ? null : keys.chooseClientAlias(keyType, issuers, socket));
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    String alias = null;
    if (keys instanceof X509ExtendedKeyManager extended) {
      alias = extended.chooseEngineClientAlias(keyType, issuers, engine);
    } else if (keys != null) {
      alias = keys.chooseClientAlias(keyType, issuers, null);
    }
    return record(issuers, alias);
  }

  private String record(Principal[] issuers, String alias) {
    CertificateRequest before = lastRequest.get();
    X509Certificate sent = alias == null ? null : getCertificateChain(alias)[0];
    if (before == null || sent != null) {
      lastRequest.set(
          new CertificateRequest(
              issuers == null ? List.of() : Arrays.stream(issuers).map(Principal::getName).toList(),
              sent));
    }
    return alias;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return keys == null ? null : keys.getClientAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return keys == null ? null : keys.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return keys == null ? null : keys.getPrivateKey(alias);
  }

  /** A client never serves. */
  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
