package com.stepup.gateway.stores.internal;

import java.util.Base64;

/**
 * Opaque ids, API key secrets and their hashes. The generic parts live in the platform's class of
 * the same name, hence its qualified name here.
 */
final class Ids {

  /** The visible part of an API key: {@code sk_} and eight characters. */
  static final int KEY_PREFIX_LENGTH = 11;

  private Ids() {}

  static String next(String kind) {
    return com.stepup.gateway.platform.Ids.next(kind);
  }

  /** An API key: {@code sk_} and 256 random bits. */
  static String apiKeySecret() {
    return "sk_" + com.stepup.gateway.platform.Ids.random(32);
  }

  /** A secret for signing outgoing webhooks (Standard Webhooks style {@code whsec_}). */
  static String webhookSecret() {
    return "whsec_" + Base64.getEncoder().encodeToString(com.stepup.gateway.platform.Ids.bytes(32));
  }

  /** A customer-facing display's link token: 192 random bits. */
  static String displayToken() {
    return com.stepup.gateway.platform.Ids.random(24);
  }

  static String sha256(String secret) {
    return com.stepup.gateway.platform.Ids.sha256(secret);
  }
}
