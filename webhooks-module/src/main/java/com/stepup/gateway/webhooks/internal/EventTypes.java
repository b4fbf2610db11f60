package com.stepup.gateway.webhooks.internal;

import java.util.List;
import java.util.Set;

/**
 * The partner notification types, and a partner's choice of them: exact types or a family's
 * wildcard ({@code payment.*}, {@code dispute.*}); none chosen means every one. {@code ping} (the
 * endpoint test) is always sent.
 */
final class EventTypes {

  private EventTypes() {}

  static final List<String> ALL =
      List.of(
          "payment.authorized",
          "payment.declined",
          "payment.expired",
          "payment.canceled",
          "payment.failed",
          "payment.captured",
          "payment.refunded",
          "payment.released",
          "payment.authorization_expired",
          "dispute.opened",
          "dispute.updated",
          "dispute.evidence_due_soon",
          "dispute.won",
          "dispute.lost");

  static final String PING = "ping";

  static final Set<String> WILDCARDS = Set.of("payment.*", "dispute.*");

  /** Whether a partner may name it: a type or a wildcard. */
  static boolean known(String chosen) {
    return ALL.contains(chosen) || WILDCARDS.contains(chosen);
  }

  /** Whether an event of {@code type} goes to an endpoint that chose {@code chosen}. */
  static boolean wanted(List<String> chosen, String type) {
    if (chosen.isEmpty() || PING.equals(type)) {
      return true;
    }
    for (String c : chosen) {
      if (c.equals(type) || (c.endsWith(".*") && type.startsWith(c.substring(0, c.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  static String join(List<String> chosen) {
    return String.join(" ", chosen);
  }

  static List<String> parse(String stored) {
    return stored == null || stored.isBlank() ? List.of() : List.of(stored.strip().split("\\s+"));
  }
}
