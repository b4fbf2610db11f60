package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Klarna's notification signing keys (KLARNA-API.md §7): a random secret per key, at most {@value
 * #MAX_SIGNING_KEYS} per account, and the HMAC-SHA256 (lower case hex over the exact body) every
 * webhook delivery is signed with.
 */
@ApplicationScoped
public class SigningKeys {

  /**
   * Signing keys per account. Klarna holds few (one acquirer's test page says 50; issue 25 asks the
   * sandbox to be stricter, so a gateway that never deletes replaced keys fails here first).
   */
  static final int MAX_SIGNING_KEYS = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SandboxClock clock;

  private final Map<String, JsonObject> keys = new ConcurrentHashMap<>();

  @Inject
  SigningKeys(SandboxClock clock) {
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected SigningKeys() {
    this(null);
  }

  /** A new key: the only answer that shows its secret. */
  public JsonObject create(String account) {
    long mine = keys.values().stream().filter(k -> account.equals(k.getString("account"))).count();
    if (mine >= MAX_SIGNING_KEYS) {
      throw KlarnaError.conflict(
          "At most " + MAX_SIGNING_KEYS + " signing keys per account; delete an old one first.");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String id = "krn:partner:global:notification:signing-key:" + UUID.randomUUID();
    JsonObject key =
        Json.createObjectBuilder()
            .add("signing_key_id", id)
            .add("signing_key", Base64.getEncoder().encodeToString(secret))
            .add("created_at", PaymentRequest.iso(clock.instant()))
            .add("account", account)
            .build();
    keys.put(id, key);
    return Json.without(key, "account");
  }

  /** The account's keys, without their secrets. */
  public List<JsonObject> list(String account) {
    return keys.values().stream()
        .filter(k -> account.equals(k.getString("account")))
        .map(k -> Json.without(Json.without(k, "signing_key"), "account"))
        .toList();
  }

  public void delete(String account, String id) {
    if (!belongsTo(account, id)) {
      throw KlarnaError.notFound("Signing key " + id);
    }
    keys.remove(id);
  }

  /** Whether {@code id} names a key of {@code account}. */
  boolean belongsTo(String account, String id) {
    JsonObject key = id == null ? null : keys.get(id);
    return key != null && account.equals(key.getString("account"));
  }

  /**
   * The signature of {@code body} with the key {@code id}; a deleted key signs with a secret no one
   * knows, so its deliveries fail verification as they would at Klarna.
   */
  String signature(String id, String body, boolean wrong) {
    JsonObject key = keys.get(id);
    String secret = key == null ? "unknown" : key.getString("signing_key");
    return sign(wrong ? secret + "-wrong" : secret, body);
  }

  /**
   * One HMAC-SHA256 per thread, found once (the provider look-up is the costly part), keyed anew.
   */
  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException(e);
            }
          });

  static String sign(String secret, String body) {
    try {
      Mac mac = MAC.get();
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
