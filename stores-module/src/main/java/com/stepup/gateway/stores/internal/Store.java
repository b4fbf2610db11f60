package com.stepup.gateway.stores.internal;

import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A store and where its Klarna onboarding stands. */
@Entity
@Table(name = "store")
class Store {

  @Id String id;

  @Column(name = "merchant_id", nullable = false)
  String merchantId;

  @Column(nullable = false)
  String type;

  @Column(name = "store_reference", nullable = false)
  String storeReference;

  String name;

  @Column(name = "street_address")
  String streetAddress;

  @Column(name = "street_address2")
  String streetAddress2;

  @Column(name = "postal_code")
  String postalCode;

  String city;
  String region;
  String country;
  String url;
  String platform;

  /** Newline-separated. */
  @Column(name = "bundle_names")
  String bundleNames;

  @Column(name = "klarna_store_id")
  String klarnaStoreId;

  @Column(name = "onboarding_status", nullable = false)
  String onboardingStatus;

  @Column(name = "onboarding_error")
  String onboardingError;

  @Column(name = "onboarding_attempts", nullable = false)
  int onboardingAttempts;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  OffsetDateTime updatedAt;

  @Version long version;

  protected Store() {}

  List<String> bundleNameList() {
    return bundleNames == null || bundleNames.isEmpty()
        ? List.of()
        : Arrays.asList(bundleNames.split("\n"));
  }

  void apply(StoreView.Details d) {
    name = d.name();
    var a = d.address();
    streetAddress = a == null ? null : a.streetAddress();
    streetAddress2 = a == null ? null : a.streetAddress2();
    postalCode = a == null ? null : a.postalCode();
    city = a == null ? null : a.city();
    region = a == null ? null : a.region();
    country = a == null ? null : a.country();
    url = d.url();
    platform = d.platform();
    bundleNames = d.bundleNames() == null ? null : String.join("\n", d.bundleNames());
  }

  StoreView view() {
    StoreView.Address address =
        streetAddress == null && city == null && country == null
            ? null
            : new StoreView.Address(
                streetAddress, streetAddress2, postalCode, city, region, country);
    return new StoreView(
        id,
        merchantId,
        StoreType.valueOf(type),
        storeReference,
        new StoreView.Details(name, address, url, platform, bundleNameList()),
        klarnaStoreId,
        StoreView.Onboarding.valueOf(onboardingStatus),
        onboardingError,
        onboardingAttempts,
        createdAt.toInstant(),
        updatedAt.toInstant());
  }
}
