package com.stepup.gateway.stores.internal;

import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A store and where its Klarna onboarding stands; only its own methods change it. */
@Entity
@Table(name = "store")
class Store {

  @Id private String id;

  @Column(name = "merchant_id", nullable = false)
  private String merchantId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private StoreType type;

  @Column(name = "store_reference", nullable = false)
  private String storeReference;

  private String name;

  @Column(name = "street_address")
  private String streetAddress;

  @Column(name = "street_address2")
  private String streetAddress2;

  @Column(name = "postal_code")
  private String postalCode;

  private String city;
  private String region;
  private String country;
  private String url;
  private String platform;

  /** Newline-separated. */
  @Column(name = "bundle_names")
  private String bundleNames;

  @Column(name = "klarna_store_id")
  private String klarnaStoreId;

  @Enumerated(EnumType.STRING)
  @Column(name = "onboarding_status", nullable = false)
  private StoreView.Onboarding onboardingStatus;

  @Column(name = "onboarding_error")
  private String onboardingError;

  @Column(name = "onboarding_attempts", nullable = false)
  private int onboardingAttempts;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Store() {}

  /** A new store, PENDING its first Klarna onboarding attempt. */
  static Store pending(
      String merchantId, StoreType type, String reference, StoreView.Details details, Instant now) {
    Store s = new Store();
    s.id = Ids.next("sto");
    s.merchantId = merchantId;
    s.type = type;
    s.storeReference = reference;
    s.apply(details);
    s.onboardingStatus = StoreView.Onboarding.PENDING;
    s.onboardingAttempts = 1;
    s.createdAt = now;
    s.updatedAt = now;
    return s;
  }

  String id() {
    return id;
  }

  String merchantId() {
    return merchantId;
  }

  StoreType type() {
    return type;
  }

  String storeReference() {
    return storeReference;
  }

  /** Counts another onboarding attempt about to be made. */
  void startOnboarding() {
    onboardingAttempts++;
    onboardingStatus = StoreView.Onboarding.PENDING;
  }

  void onboarded(String klarnaStoreId, Instant now) {
    this.klarnaStoreId = klarnaStoreId;
    onboardingStatus = StoreView.Onboarding.ONBOARDED;
    onboardingError = null;
    updatedAt = now;
  }

  /** A failed attempt; an onboarded store stays so unless {@code force}, which unlinks it. */
  void failed(String error, boolean force, Instant now) {
    if (force || onboardingStatus != StoreView.Onboarding.ONBOARDED) {
      onboardingStatus = StoreView.Onboarding.FAILED;
      klarnaStoreId = force ? null : klarnaStoreId;
      onboardingError = error.length() > 1000 ? error.substring(0, 1000) : error;
      updatedAt = now;
    }
  }

  void change(StoreView.Details details, Instant now) {
    apply(details);
    updatedAt = now;
  }

  private List<String> bundleNameList() {
    return bundleNames == null || bundleNames.isEmpty()
        ? List.of()
        : Arrays.asList(bundleNames.split("\n"));
  }

  private void apply(StoreView.Details d) {
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
        type,
        storeReference,
        new StoreView.Details(name, address, url, platform, bundleNameList()),
        klarnaStoreId,
        onboardingStatus,
        onboardingError,
        onboardingAttempts,
        createdAt,
        updatedAt);
  }
}
