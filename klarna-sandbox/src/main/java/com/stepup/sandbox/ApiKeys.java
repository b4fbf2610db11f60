package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code Authorization: Basic <key>} against {@code sandbox.api-keys}. The configured keys are one
 * acquirer's: each may act for every partner account (an acquirer rotating its Klarna key keeps its
 * accounts), and any partner account id comes into being on first use.
 */
@ApplicationScoped
public class ApiKeys {

  /** The account of the acquirer the keys belong to: the owner of its own webhooks. */
  public static final String ACQUIRER = "krn:partner:global:account:test:sandbox-acquirer";

  private final String configured;

  @Inject
  ApiKeys(@ConfigProperty(name = "sandbox.api-keys", defaultValue = "") String configured) {
    this.configured = configured;
  }

  /** For CDI's client proxy only. */
  protected ApiKeys() {
    this(null);
  }

  /** Checks the header; answers the caller's key. */
  public String check(String authorization, String account) {
    String key = keyOf(authorization).orElseThrow(KlarnaError::unauthorized);
    boolean known =
        Arrays.stream(configured.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .anyMatch(
                k ->
                    MessageDigest.isEqual(
                        k.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8)));
    if (!known) {
      throw KlarnaError.unauthorized();
    }
    return key;
  }

  static Optional<String> keyOf(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String key = authorization.substring(6).strip();
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }
}
