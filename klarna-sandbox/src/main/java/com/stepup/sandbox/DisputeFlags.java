package com.stepup.sandbox;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Klarna's sandbox dispute flags in a shopper's e-mail (KLARNA-API.md §11.8). */
final class DisputeFlags {

  /**
   * Klarna's sandbox flags (§11.8), matched as a {@code +}-prefixed part of the e-mail's local
   * part.
   */
  static final List<String> FLAGS =
      List.of(
          "dispute_win_on_evidence",
          "dispute_lose_on_expiry",
          "dispute_pre_arb_accept_loss",
          "dispute_pre_arb_window_expired",
          "dispute_pre_arb_lose_after_arbitration");

  private DisputeFlags() {}

  /** The sandbox flag in a shopper's e-mail, or null. */
  static String flagOf(String email) {
    if (email == null || email.indexOf('@') < 0) {
      return null;
    }
    String local = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
    // the longest first: dispute_pre_arb_accept_loss must not be read as a shorter flag
    return FLAGS.stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .filter(f -> local.contains("+" + f))
        .findFirst()
        .orElse(null);
  }
}
