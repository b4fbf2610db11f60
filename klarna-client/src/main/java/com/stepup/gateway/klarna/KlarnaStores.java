package com.stepup.gateway.klarna;

import java.util.Optional;

/** Klarna's stores API for one partner account: onboarding a store and finding it again. */
public interface KlarnaStores {

  /**
   * Onboards a store and answers Klarna's {@code store_id}. The idempotency key makes a retry after
   * a time-out safe; a store Klarna already has under this reference (409) is looked up instead.
   */
  String onboard(String partnerAccountId, KlarnaStore store, String idempotencyKey);

  /** Sends a store's changed name and type-specific data; type and reference never change. */
  void update(String partnerAccountId, String storeId, KlarnaStore store, String idempotencyKey);

  /** Klarna's {@code store_id} for the reference, if Klarna has such a store. */
  Optional<String> byReference(String partnerAccountId, String storeReference);
}
