package com.stepup.gateway.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Secrets the gateway has to read back, such as partner webhook secrets and Klarna signing keys,
 * are stored sealed: AES-256-GCM under {@code gateway.secrets.key}, bound to what they belong to
 * (the {@code context}, e.g. the merchant id), so a sealed value copied to another row does not
 * open. Stored form: {@code enc:v1:<key id>:<base64 of nonce, ciphertext and tag>}; the key id is
 * the first 8 hex digits of the key's SHA-256.
 *
 * <p>Keys are rotated by moving the old one to {@code gateway.secrets.old-keys}: values sealed with
 * it still open, and {@link #stale} says which to seal again. Without a key, values are stored as
 * they are (and a sealed one does not open): the gateway warns at start.
 */
@ApplicationScoped
public class SecretBox {

  static final String PREFIX = "enc:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  @Inject
  @ConfigProperty(name = "gateway.secrets.key")
  Optional<String> key;

  @Inject
  @ConfigProperty(name = "gateway.secrets.old-keys")
  Optional<String> oldKeys;

  private volatile Keys keys;

  public SecretBox() {}

  /** With the keys given, not from the configuration (tests). */
  SecretBox(String key, String oldKeys) {
    this.keys = Keys.parse(key, oldKeys);
  }

  /** Whether a key is configured, so that {@link #seal} encrypts. */
  public boolean sealing() {
    return keys().current() != null;
  }

  public String seal(String secret, String context) {
    Key current = keys().current();
    if (current == null || secret == null) {
      return secret;
    }
    byte[] nonce = Ids.bytes(NONCE_BYTES);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] stored =
          ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return PREFIX + current.id() + ":" + Base64.getEncoder().encodeToString(stored);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The secret; a value stored before a key was configured comes back as it is. */
  public String open(String stored, String context) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return stored;
    }
    String rest = stored.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String id = colon < 0 ? "" : rest.substring(0, colon);
    Key k = keys().byId().get(id);
    if (k == null) {
      throw new IllegalStateException(
          "A stored secret is sealed with key "
              + id
              + ", which is neither gateway.secrets.key nor one of gateway.secrets.old-keys");
    }
    try {
      byte[] all = Base64.getDecoder().decode(rest.substring(colon + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, k.spec(), new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "A stored secret does not open: it was altered or belongs elsewhere (" + context + ")");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** Whether {@code stored} should be sealed again: not sealed, or sealed with an old key. */
  public boolean stale(String stored) {
    return stored != null && currentPrefix().filter(p -> !stored.startsWith(p)).isPresent();
  }

  /**
   * How every value sealed with the current key starts ({@code enc:v1:<key id>:}; no LIKE
   * wildcards), so a query can find the stale ones; empty without a key.
   */
  public Optional<String> currentPrefix() {
    Key current = keys().current();
    return Optional.ofNullable(current).map(k -> PREFIX + k.id() + ":");
  }

  private Keys keys() {
    if (keys == null) {
      keys = Keys.parse(key.orElse(null), oldKeys.orElse(null));
    }
    return keys;
  }

  record Key(String id, SecretKeySpec spec) {

    static Key of(String base64, String setting) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(base64.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(setting + " is not Base64");
      }
      if (bytes.length != 32) {
        throw new IllegalStateException(
            setting + " must be 32 random bytes in Base64 (openssl rand -base64 32)");
      }
      return new Key(Ids.sha256(bytes).substring(0, 8), new SecretKeySpec(bytes, "AES"));
    }

    @Override
    public String toString() {
      return "Key[" + id + "]";
    }
  }

  record Keys(Key current, Map<String, Key> byId) {

    static Keys parse(String key, String oldKeys) {
      Map<String, Key> byId = new LinkedHashMap<>();
      Key current = null;
      if (key != null && !key.isBlank()) {
        current = Key.of(key, "gateway.secrets.key");
        byId.put(current.id(), current);
      }
      if (oldKeys != null) {
        for (String old : oldKeys.split(",")) {
          if (!old.isBlank()) {
            Key k = Key.of(old, "gateway.secrets.old-keys");
            byId.putIfAbsent(k.id(), k);
          }
        }
      }
      return new Keys(current, Map.copyOf(byId));
    }
  }
}
