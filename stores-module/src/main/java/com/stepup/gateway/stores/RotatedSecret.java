package com.stepup.gateway.stores;

import java.time.Instant;

/** A merchant's new webhook secret (shown once) and until when the old one is still signed with. */
public record RotatedSecret(String webhookSecret, Instant previousValidUntil) {
  @Override
  public String toString() {
    return "RotatedSecret[previousValidUntil=" + previousValidUntil + "]";
  }
}
