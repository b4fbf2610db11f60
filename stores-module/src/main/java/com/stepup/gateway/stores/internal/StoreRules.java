package com.stepup.gateway.stores.internal;

import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.WebUrls;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes a store's data valid, per type. Field names are the API's JSON names. */
final class StoreRules {

  static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
  static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  static final Set<String> PLATFORMS = Set.of("IOS", "ANDROID");

  private StoreRules() {}

  public static List<FieldError> check(StoreType type, String reference, StoreView.Details d) {
    List<FieldError> errors = new ArrayList<>();
    referenceLike(errors, "store_reference", reference);
    if (type == null) {
      return errors;
    }
    StoreView.Address a = d.address();
    switch (type) {
      case PHYSICAL_STORE -> {
        if (a == null) {
          errors.add(new FieldError("address", "is required for a PHYSICAL_STORE"));
        } else {
          required(errors, "address.street_address", a.streetAddress());
          required(errors, "address.postal_code", a.postalCode());
          required(errors, "address.city", a.city());
          if (a.country() == null) {
            errors.add(new FieldError("address.country", "is required"));
          } else if (!COUNTRIES.contains(a.country())) {
            errors.add(
                new FieldError(
                    "address.country", "must be an ISO 3166-1 alpha-2 code in capitals, like US"));
          }
        }
        notFor(errors, type, "url", d.url());
        notFor(errors, type, "platform", d.platform());
        notFor(errors, type, "bundle_names", d.bundleNames());
      }
      case WEBSITE -> {
        if (d.url() == null) {
          errors.add(new FieldError("url", "is required for a WEBSITE"));
        } else if (!WebUrls.isWebUrl(d.url())) {
          errors.add(new FieldError("url", "must be an absolute http or https URL"));
        }
        notFor(errors, type, "address", a);
        notFor(errors, type, "platform", d.platform());
        notFor(errors, type, "bundle_names", d.bundleNames());
      }
      case MOBILE_APP -> {
        if (d.platform() == null) {
          errors.add(new FieldError("platform", "is required for a MOBILE_APP (IOS or ANDROID)"));
        } else if (!PLATFORMS.contains(d.platform())) {
          errors.add(new FieldError("platform", "must be IOS or ANDROID"));
        }
        if (d.bundleNames() == null || d.bundleNames().isEmpty()) {
          errors.add(new FieldError("bundle_names", "at least one is required for a MOBILE_APP"));
        }
        notFor(errors, type, "address", a);
        notFor(errors, type, "url", d.url());
      }
      default -> throw new IllegalArgumentException(type.name());
    }
    return errors;
  }

  public static List<FieldError> checkTerminalReference(String reference) {
    List<FieldError> errors = new ArrayList<>();
    referenceLike(errors, "terminal_reference", reference);
    return errors;
  }

  private static void referenceLike(List<FieldError> errors, String field, String reference) {
    if (reference != null && !REFERENCE.matcher(reference).matches()) {
      errors.add(
          new FieldError(
              field,
              "use 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or"
                  + " digit"));
    }
  }

  private static void required(List<FieldError> errors, String field, String value) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    }
  }

  private static void notFor(List<FieldError> errors, StoreType type, String field, Object value) {
    if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
      errors.add(new FieldError(field, "does not apply to a " + type));
    }
  }
}
