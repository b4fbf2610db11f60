package com.stepup.gateway.stores;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a partner API key may do, so a till's key can take payments but not refund. A key holds a
 * set of scopes; each partner call needs one ({@link #requiredFor}), and a key without it gets a
 * {@code 403} problem naming the scope. Keys issued before scopes existed hold them all.
 */
public enum ApiScope {
  /** Creating, cancelling and releasing payments. */
  PAYMENTS_WRITE("payments:write"),
  /** Reading payments, their captures, refunds, timeline and events; payouts and reconciliation. */
  PAYMENTS_READ("payments:read"),
  /** Capturing a payment. */
  CAPTURES("captures"),
  /** Refunding a payment. */
  REFUNDS("refunds"),
  /** Reading and answering disputes. */
  DISPUTES("disputes"),
  /** The merchant's stores and terminals. */
  STORES("stores"),
  /** The merchant's notifications (webhook deliveries) and redelivery. */
  WEBHOOKS("webhooks");

  public static final Set<ApiScope> ALL = Set.copyOf(EnumSet.allOf(ApiScope.class));

  private final String wire;

  ApiScope(String wire) {
    this.wire = wire;
  }

  /** The name on the wire and in the database: {@code payments:write}. */
  public String wire() {
    return wire;
  }

  public static Optional<ApiScope> of(String wire) {
    return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
  }

  /** Space-separated, in declaration order, as stored. */
  public static String join(Set<ApiScope> scopes) {
    return scopes.stream().sorted().map(ApiScope::wire).collect(Collectors.joining(" "));
  }

  /** What {@link #join} wrote; unknown words are ignored (a scope removed later grants nothing). */
  public static Set<ApiScope> parse(String stored) {
    if (stored == null || stored.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(stored.strip().split("\\s+"))
        .map(ApiScope::of)
        .flatMap(Optional::stream)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The scope a partner call needs, by method and path (without the leading slash, e.g. {@code
   * api/v1/payments/pay_1/refunds}). Writes that are not listed need {@link #PAYMENTS_WRITE} and
   * reads {@link #PAYMENTS_READ}, so a new path is never open to every key by mistake.
   */
  public static ApiScope requiredFor(String method, String path) {
    // as the router sees it: matrix parameters (";x") stripped and empty segments dropped, so
    // "payments/pay_1/refunds;x" needs what "payments/pay_1/refunds" needs
    String[] parts =
        Arrays.stream(path.split("/"))
            .map(segment -> segment.replaceFirst(";.*", ""))
            .filter(segment -> !segment.isEmpty())
            .toArray(String[]::new);
    boolean read = "GET".equals(method) || "HEAD".equals(method);
    String area = parts.length > 2 ? parts[2] : "";
    switch (area) {
      case "stores":
        return STORES;
      case "notifications":
      case "webhook-endpoint":
        return WEBHOOKS;
      case "disputes":
        return DISPUTES;
      case "payments":
        if (parts.length >= 5) {
          switch (parts[4]) {
            case "disputes":
              return DISPUTES;
            case "captures":
              return read ? PAYMENTS_READ : CAPTURES;
            case "refunds":
              return read ? PAYMENTS_READ : REFUNDS;
            default:
              break;
          }
        }
        return read ? PAYMENTS_READ : PAYMENTS_WRITE;
      default:
        return read ? PAYMENTS_READ : PAYMENTS_WRITE;
    }
  }
}
