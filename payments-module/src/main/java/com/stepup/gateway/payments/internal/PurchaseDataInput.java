package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.platform.JsonInput;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a payment's purchase data, {@code customer} and {@code shipping} (PRODUCT.md "Payments:
 * purchase data"): optional, but what is given must be what Klarna can use. Every wrong field is
 * named by its JSON path ({@code customer.email}, {@code shipping.address.country}); the values
 * themselves never appear in a message, since they are personal data.
 */
final class PurchaseDataInput {

  static final Set<String> CUSTOMER = Set.of("email", "phone", "given_name", "family_name");
  static final Set<String> SHIPPING = Set.of("recipient", "address", "method");
  static final Set<String> RECIPIENT = Set.of("given_name", "family_name", "email", "phone");
  static final Set<String> ADDRESS =
      Set.of("street_address", "street_address2", "postal_code", "city", "region", "country");

  static final int NAME = 100;
  static final int EMAIL = 254;
  static final int STREET = 200;
  static final int POSTAL_CODE = 20;
  static final int CITY = 100;
  static final int REGION = 100;
  static final int METHOD = 50;

  /**
   * An address as people type it: a local part without spaces, and a domain with at least one dot
   * whose labels are letters, digits and hyphens. (RFC 5322 allows more; Klarna sends mail to it.)
   */
  private static final Pattern EMAIL_SYNTAX =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)"
              + "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private static final Pattern METHOD_WORD = Pattern.compile("[A-Z][A-Z0-9_]*");

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private PurchaseDataInput() {}

  static NewPayment.Customer customer(JsonInput in, boolean strict) {
    Optional<JsonInput> c = in.object("customer");
    if (c.isEmpty()) {
      return null;
    }
    JsonInput customer = c.get();
    if (strict) {
      customer.rejectUnknown(CUSTOMER);
    }
    String email = email(customer, "email");
    String phone = phone(customer, "phone");
    String given = customer.text("given_name", NAME).orElse(null);
    String family = customer.text("family_name", NAME).orElse(null);
    if (email == null && phone == null && given == null && family == null) {
      if (customer.errors().isEmpty()) {
        in.reject("customer", "give at least one of email, phone, given_name, family_name");
      }
      return null;
    }
    return new NewPayment.Customer(email, phone, given, family);
  }

  static NewPayment.Shipping shipping(JsonInput in, boolean strict) {
    Optional<JsonInput> s = in.object("shipping");
    if (s.isEmpty()) {
      return null;
    }
    JsonInput shipping = s.get();
    if (strict) {
      shipping.rejectUnknown(SHIPPING);
    }
    NewPayment.Recipient recipient = null;
    Optional<JsonInput> r = shipping.object("recipient");
    if (r.isEmpty()) {
      if (!shipping.has("recipient")) {
        shipping.reject("recipient", "is required");
      }
    } else {
      JsonInput who = r.get();
      if (strict) {
        who.rejectUnknown(RECIPIENT);
      }
      recipient =
          new NewPayment.Recipient(
              who.requiredText("given_name", NAME),
              who.requiredText("family_name", NAME),
              email(who, "email"),
              phone(who, "phone"));
    }
    NewPayment.Address address = null;
    Optional<JsonInput> a = shipping.object("address");
    if (a.isEmpty()) {
      if (!shipping.has("address")) {
        shipping.reject("address", "is required");
      }
    } else {
      address = address(a.get(), strict);
    }
    String method = shipping.text("method", METHOD).orElse(null);
    if (method != null && !METHOD_WORD.matcher(method).matches()) {
      shipping.reject("method", "must be a word in upper case, such as STORE_PICKUP");
    }
    return new NewPayment.Shipping(recipient, address, method);
  }

  private static NewPayment.Address address(JsonInput a, boolean strict) {
    if (strict) {
      a.rejectUnknown(ADDRESS);
    }
    String country = a.requiredText("country", 2);
    if (country != null && !isCountry(country)) {
      a.reject("country", "must be an ISO 3166-1 alpha-2 country code in upper case, such as DE");
    }
    return new NewPayment.Address(
        a.requiredText("street_address", STREET),
        a.text("street_address2", STREET).orElse(null),
        a.requiredText("postal_code", POSTAL_CODE),
        a.requiredText("city", CITY),
        a.text("region", REGION).orElse(null),
        country);
  }

  private static String email(JsonInput in, String field) {
    String email = in.text(field, EMAIL).orElse(null);
    if (email != null && !isEmail(email)) {
      in.reject(field, "must be an email address, such as ada@example.com");
      return null;
    }
    return email;
  }

  private static String phone(JsonInput in, String field) {
    String phone = in.text(field, 16).orElse(null);
    if (phone != null && !isPhone(phone)) {
      in.reject(field, "must be an E.164 phone number, such as +4915112345678");
      return null;
    }
    return phone;
  }

  static boolean isEmail(String text) {
    return text.length() <= EMAIL && EMAIL_SYNTAX.matcher(text).matches();
  }

  static boolean isPhone(String text) {
    return E164.matcher(text).matches();
  }

  static boolean isCountry(String text) {
    return COUNTRIES.contains(text);
  }
}
