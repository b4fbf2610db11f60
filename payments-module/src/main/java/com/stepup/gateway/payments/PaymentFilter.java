package com.stepup.gateway.payments;

import java.time.Instant;
import java.util.Set;

/**
 * What a payments list is narrowed to; null fields do not narrow.
 *
 * @param query a reference, payment id, Klarna payment request id or transaction id
 * @param method {@code QR_CODE} (in store) or {@code HANDOVER} (online)
 * @param uncapturedExpiringBefore authorized payments with something left to capture whose
 *     authorization expires before this instant
 * @param moneyStatus payments whose money stands so (see {@link MoneyStatus#of})
 * @param withinStores payments of these store references only (a store manager's stores); empty
 *     matches nothing, null does not narrow
 */
public record PaymentFilter(
    String reference,
    PaymentStatus status,
    String storeReference,
    String terminalReference,
    Instant createdFrom,
    Instant createdTo,
    String query,
    String method,
    Sort sort,
    Instant uncapturedExpiringBefore,
    MoneyStatus moneyStatus,
    Set<String> withinStores) {

  public PaymentFilter {
    withinStores = withinStores == null ? null : Set.copyOf(withinStores);
  }

  /** Not narrowed to stores. */
  public PaymentFilter(
      String reference,
      PaymentStatus status,
      String storeReference,
      String terminalReference,
      Instant createdFrom,
      Instant createdTo,
      String query,
      String method,
      Sort sort,
      Instant uncapturedExpiringBefore,
      MoneyStatus moneyStatus) {
    this(
        reference,
        status,
        storeReference,
        terminalReference,
        createdFrom,
        createdTo,
        query,
        method,
        sort,
        uncapturedExpiringBefore,
        moneyStatus,
        null);
  }

  /** Without a money status. */
  public PaymentFilter(
      String reference,
      PaymentStatus status,
      String storeReference,
      String terminalReference,
      Instant createdFrom,
      Instant createdTo,
      String query,
      String method,
      Sort sort,
      Instant uncapturedExpiringBefore) {
    this(
        reference,
        status,
        storeReference,
        terminalReference,
        createdFrom,
        createdTo,
        query,
        method,
        sort,
        uncapturedExpiringBefore,
        null);
  }

  /** The order of a list. */
  public enum Sort {
    NEWEST,
    OLDEST,
    AMOUNT_HIGH,
    AMOUNT_LOW
  }

  /** The partner API's filter: newest first. */
  public PaymentFilter(
      String reference,
      PaymentStatus status,
      String storeReference,
      String terminalReference,
      Instant createdFrom,
      Instant createdTo) {
    this(
        reference,
        status,
        storeReference,
        terminalReference,
        createdFrom,
        createdTo,
        null,
        null,
        null,
        null,
        null);
  }

  /** The same filter narrowed to a money status. */
  public PaymentFilter withMoneyStatus(MoneyStatus wanted) {
    return new PaymentFilter(
        reference,
        status,
        storeReference,
        terminalReference,
        createdFrom,
        createdTo,
        query,
        method,
        sort,
        uncapturedExpiringBefore,
        wanted,
        withinStores);
  }

  /** The same filter narrowed to the payments of these store references (a store manager's). */
  public PaymentFilter withinStores(Set<String> storeReferences) {
    return new PaymentFilter(
        reference,
        status,
        storeReference,
        terminalReference,
        createdFrom,
        createdTo,
        query,
        method,
        sort,
        uncapturedExpiringBefore,
        moneyStatus,
        storeReferences);
  }

  public static PaymentFilter none() {
    return new PaymentFilter(null, null, null, null, null, null);
  }
}
