package com.stepup.gateway.stores;

import java.time.Instant;
import java.util.List;

/** A store, its type-specific details and its Klarna onboarding. */
public record StoreView(
    String id,
    String merchantId,
    StoreType type,
    String storeReference,
    Details details,
    String klarnaStoreId,
    Onboarding onboarding,
    String onboardingError,
    int onboardingAttempts,
    Instant createdAt,
    Instant updatedAt) {

  /** Where the store's Klarna onboarding stands. */
  public enum Onboarding {
    PENDING,
    ONBOARDED,
    FAILED
  }

  /** A physical store's address; {@code country} is ISO 3166-1 alpha-2. */
  public record Address(
      String streetAddress,
      String streetAddress2,
      String postalCode,
      String city,
      String region,
      String country) {}

  /** What can change: the name and the type-specific data. */
  public record Details(
      String name, Address address, String url, String platform, List<String> bundleNames) {}

  /** What Klarna's {@code point_of_checkout} should name: the store_id when Klarna gave one. */
  public boolean onboarded() {
    return onboarding == Onboarding.ONBOARDED && klarnaStoreId != null;
  }
}
