package com.stepup.gateway.stores.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Opaque ids with a kind prefix, API key secrets and their hashes. */
final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The visible part of an API key: {@code sk_} and eight characters. */
  static final int KEY_PREFIX_LENGTH = 11;

  private Ids() {}

  /** {@code mer_…}, {@code sto_…}: 128 random bits, URL-safe. */
  static String next(String kind) {
    return kind + "_" + random(16);
  }

  /** An API key: {@code sk_} and 256 random bits. */
  static String apiKeySecret() {
    return "sk_" + random(32);
  }

  /** A secret for signing outgoing webhooks (Standard Webhooks style {@code whsec_}). */
  static String webhookSecret() {
    return "whsec_" + Base64.getEncoder().encodeToString(bytes(32));
  }

  static String sha256(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bytes));
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
