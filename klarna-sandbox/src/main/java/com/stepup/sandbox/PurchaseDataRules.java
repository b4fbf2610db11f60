package com.stepup.sandbox;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Klarna's rules for {@code supplementary_purchase_data}'s {@code customer} and {@code shipping}
 * (KLARNA-API.md §1.3; the Web SDK's SupplementaryPurchaseData): the shapes, an email Klarna can
 * write to, an E.164 phone, an ISO 3166-1 alpha-2 country, and no field Klarna does not know. Plain
 * rules over JSON, so a unit test holds them to Klarna's shape.
 */
final class PurchaseDataRules {

  static final Set<String> PURCHASE =
      Set.of(
          "purchase_reference",
          "line_items",
          "customer",
          "shipping",
          "subscriptions",
          "ondemand_service");
  static final Set<String> PERSON = Set.of("given_name", "family_name", "email", "phone");
  static final Set<String> PARCEL = Set.of("recipient", "address", "shipping_method");
  static final Set<String> ADDRESS =
      Set.of("street_address", "street_address2", "postal_code", "city", "region", "country");

  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
              + "[A-Za-z]{2,63}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private PurchaseDataRules() {}

  /** What is wrong with {@code purchase} (named under {@code p}), added to {@code invalid}. */
  static void check(JsonObject purchase, String p, List<KlarnaError.Invalid> invalid) {
    if (purchase == null) {
      return;
    }
    unknown(purchase, PURCHASE, p, invalid);
    JsonValue customer = purchase.get("customer");
    if (customer != null) {
      if (customer instanceof JsonObject c) {
        person(c, p + ".customer", false, invalid);
      } else {
        invalid.add(new KlarnaError.Invalid(p + ".customer", "must be an object"));
      }
    }
    JsonValue shipping = purchase.get("shipping");
    if (shipping != null) {
      if (!(shipping instanceof JsonArray parcels)) {
        invalid.add(new KlarnaError.Invalid(p + ".shipping", "must be an array"));
        return;
      }
      for (int i = 0; i < parcels.size(); i++) {
        String at = p + ".shipping[" + i + "]";
        if (!(parcels.get(i) instanceof JsonObject parcel)) {
          invalid.add(new KlarnaError.Invalid(at, "must be an object"));
          continue;
        }
        unknown(parcel, PARCEL, at, invalid);
        if (parcel.get("recipient") instanceof JsonObject r) {
          person(r, at + ".recipient", true, invalid);
        } else {
          invalid.add(new KlarnaError.Invalid(at + ".recipient", "is required"));
        }
        if (parcel.get("address") instanceof JsonObject a) {
          address(a, at + ".address", invalid);
        } else {
          invalid.add(new KlarnaError.Invalid(at + ".address", "is required"));
        }
        text(parcel, "shipping_method", 50, false, at, invalid);
      }
    }
  }

  private static void person(
      JsonObject person, String p, boolean namesRequired, List<KlarnaError.Invalid> invalid) {
    unknown(person, PERSON, p, invalid);
    text(person, "given_name", 100, namesRequired, p, invalid);
    text(person, "family_name", 100, namesRequired, p, invalid);
    String email = text(person, "email", 254, false, p, invalid);
    if (email != null && !EMAIL.matcher(email).matches()) {
      invalid.add(new KlarnaError.Invalid(p + ".email", "must be a valid email address"));
    }
    String phone = text(person, "phone", 16, false, p, invalid);
    if (phone != null && !E164.matcher(phone).matches()) {
      invalid.add(new KlarnaError.Invalid(p + ".phone", "must be an E.164 phone number"));
    }
  }

  private static void address(JsonObject a, String p, List<KlarnaError.Invalid> invalid) {
    unknown(a, ADDRESS, p, invalid);
    text(a, "street_address", 200, true, p, invalid);
    text(a, "street_address2", 200, false, p, invalid);
    text(a, "postal_code", 20, true, p, invalid);
    text(a, "city", 100, true, p, invalid);
    text(a, "region", 100, false, p, invalid);
    String country = text(a, "country", 2, true, p, invalid);
    if (country != null && !COUNTRIES.contains(country)) {
      invalid.add(
          new KlarnaError.Invalid(p + ".country", "must be an ISO 3166-1 alpha-2 country code"));
    }
  }

  /** A string field of at most {@code max} characters; null when absent or wrong. */
  private static String text(
      JsonObject o,
      String field,
      int max,
      boolean required,
      String p,
      List<KlarnaError.Invalid> invalid) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      if (required) {
        invalid.add(new KlarnaError.Invalid(p + "." + field, "is required"));
      }
      return null;
    }
    if (!(v instanceof JsonString s) || s.getString().isBlank()) {
      invalid.add(new KlarnaError.Invalid(p + "." + field, "must be a non-empty string"));
      return null;
    }
    if (s.getString().length() > max) {
      invalid.add(
          new KlarnaError.Invalid(p + "." + field, "must be at most " + max + " characters"));
      return null;
    }
    return s.getString();
  }

  private static void unknown(
      JsonObject o, Set<String> known, String p, List<KlarnaError.Invalid> invalid) {
    for (String field : o.keySet()) {
      if (!known.contains(field)) {
        invalid.add(new KlarnaError.Invalid(p + "." + field, "is not a known field"));
      }
    }
  }
}
