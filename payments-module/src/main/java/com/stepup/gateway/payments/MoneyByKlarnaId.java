package com.stepup.gateway.payments;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A narrow read port for settlements: the captures and refunds Klarna has confirmed, found by
 * Klarna's own ids ({@code payment_capture_id}, {@code payment_refund_id}) as a settlement line
 * carries them, and the captures made in a period (to find those never settled).
 */
public interface MoneyByKlarnaId {

  /** A capture or refund Klarna confirmed (succeeded), with its payment's merchant. */
  record KnownMove(
      String id,
      String kind,
      String paymentId,
      String merchantId,
      long amount,
      String currency,
      String klarnaId,
      String captureId,
      Instant at) {

    public boolean capture() {
      return "capture".equals(kind);
    }
  }

  /** The succeeded captures and refunds among {@code klarnaIds}, by Klarna id. */
  Map<String, KnownMove> byKlarnaIds(Collection<String> klarnaIds);

  /** The gateway's own captures by id ({@code cap_...}). */
  Map<String, KnownMove> byIds(Collection<String> ids);

  /**
   * Succeeded captures made in {@code (after, upTo]}, oldest first, at most {@code limit}: the
   * import walks them forward to find those Klarna has not settled.
   */
  List<KnownMove> capturesBetween(Instant after, Instant upTo, int limit);

  /**
   * What was captured (succeeded) in {@code [from, to)} per currency, of one merchant ({@code
   * null}: every merchant), for the dashboard's settled versus captured.
   */
  Map<String, Long> capturedBetween(String merchantId, Instant from, Instant to);

  /**
   * Succeeded captures and refunds made in {@code [from, to)} after the one at ({@code afterAt},
   * {@code afterId}) (both null: from the start), oldest first, at most {@code limit}, of one
   * merchant ({@code null}: every merchant): finance's money lines, read page by page.
   */
  List<KnownMove> movesBetween(
      String merchantId, Instant from, Instant to, Instant afterAt, String afterId, int limit);

  /** The succeeded captures and refunds of these payments, oldest first. */
  List<KnownMove> ofPayments(Collection<String> paymentIds);
}
