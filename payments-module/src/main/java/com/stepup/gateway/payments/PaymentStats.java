package com.stepup.gateway.payments;

import java.util.List;
import java.util.Map;

/**
 * Payments created in a period, for the dashboard.
 *
 * @param stepUps payments Klarna asked the shopper to step up for (a QR code or a redirect)
 * @param stepUpsAuthorized of those, the ones that ended authorized
 * @param medianSecondsToAuthorized from the step-up being shown to authorized; null when none
 */
public record PaymentStats(
    long total,
    Map<PaymentStatus, Long> byStatus,
    long stepUps,
    long stepUpsAuthorized,
    Long medianSecondsToAuthorized,
    List<StoreCount> byStore) {

  /**
   * Money authorized and not yet captured in one currency, over all open authorizations: what the
   * merchant loses if it lets them expire.
   *
   * @param expiringSoon of those payments, how many expire before the dashboard's "soon"
   */
  public record Uncaptured(String currency, long amount, long payments, long expiringSoon) {}

  /** One store's payments in the period. */
  public record StoreCount(String storeReference, long total, long authorized) {}

  public long count(PaymentStatus status) {
    return byStatus.getOrDefault(status, 0L);
  }

  /** Step-ups per payment, in percent; 0 without payments. */
  public long stepUpRate() {
    return total == 0 ? 0 : Math.round(100.0 * stepUps / total);
  }

  /** Step-ups that ended authorized, in percent; 0 without step-ups. */
  public long conversion() {
    return stepUps == 0 ? 0 : Math.round(100.0 * stepUpsAuthorized / stepUps);
  }
}
