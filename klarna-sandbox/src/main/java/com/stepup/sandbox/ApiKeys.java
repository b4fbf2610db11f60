package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code Authorization: Basic <key>} against {@code sandbox.api-keys}. A partner account comes into
 * being on first use and belongs to the key that used it; another key gets 403 for it.
 */
@ApplicationScoped
public class ApiKeys {

  @Inject
  @ConfigProperty(name = "sandbox.api-keys", defaultValue = "")
  String configured;

  private final Map<String, String> accountOwner = new ConcurrentHashMap<>();

  /** Checks the header and the account; answers the caller's key. */
  public String check(String authorization, String account) {
    String key = keyOf(authorization).orElseThrow(KlarnaError::unauthorized);
    Set<String> keys =
        Arrays.stream(configured.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    boolean known =
        keys.stream()
            .anyMatch(
                k ->
                    MessageDigest.isEqual(
                        k.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8)));
    if (!known) {
      throw KlarnaError.unauthorized();
    }
    if (account != null && !accountOwner.computeIfAbsent(account, a -> key).equals(key)) {
      throw KlarnaError.forbidden("This API key may not act for partner account " + account + ".");
    }
    return key;
  }

  /** The key that brought {@code account} into being, if any. */
  public Optional<String> ownerOf(String account) {
    return Optional.ofNullable(accountOwner.get(account));
  }

  static Optional<String> keyOf(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String key = authorization.substring(6).strip();
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }
}
