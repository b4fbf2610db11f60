package com.stepup.gateway.payments;

import java.util.List;

/**
 * A partner's request for a payment, validated field by field. {@code storeIdOrReference} is our
 * store id or its {@code store_reference}; a {@code terminalReference} makes it an in-store QR
 * payment. {@code captureMode} is null for the default (automatic in store, manual online). {@code
 * customer} and {@code shipping} are the shopper's personal data (null when not given); {@code
 * expiresInSeconds} the Purchase Journey's lifetime (null: Klarna's default). {@code
 * legacyTokenName} and {@code legacyDataName} say the partner sent its token or network data under
 * the older names ({@code interoperability_token}, {@code interoperability_data}), so Klarna gets
 * them under those names too.
 */
public record NewPayment(
    long amount,
    String currency,
    String reference,
    String storeIdOrReference,
    String terminalReference,
    String returnUrl,
    String appReturnUrl,
    String partnerToken,
    String networkData,
    List<LineItem> lineItems,
    CaptureMode captureMode,
    Customer customer,
    Shipping shipping,
    Integer expiresInSeconds,
    boolean legacyTokenName,
    boolean legacyDataName) {

  /** One line of the purchase, in minor units. */
  public record LineItem(String name, long quantity, long unitPrice, long totalAmount) {}

  /** Who buys (personal data: never logged). Any field may be null. */
  public record Customer(String email, String phone, String givenName, String familyName) {}

  /** Where the goods go (personal data: never logged); {@code method} may be null. */
  public record Shipping(Recipient recipient, Address address, String method) {}

  /** Who receives the goods; email and phone may be null. */
  public record Recipient(String givenName, String familyName, String email, String phone) {}

  /** A postal address; {@code streetAddress2} and {@code region} may be null. */
  public record Address(
      String streetAddress,
      String streetAddress2,
      String postalCode,
      String city,
      String region,
      String country) {}

  public boolean inStore() {
    return terminalReference != null;
  }
}
