package com.stepup.gateway.console.internal;

import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import jakarta.ws.rs.FormParam;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The store form's fields, for both the new-store and the edit-store page. */
public class StoreFormParams {

  @FormParam("type")
  String type;

  @FormParam("store_reference")
  String reference;

  @FormParam("name")
  String name;

  @FormParam("street_address")
  String street;

  @FormParam("postal_code")
  String postalCode;

  @FormParam("city")
  String city;

  @FormParam("region")
  String region;

  @FormParam("country")
  String country;

  @FormParam("url")
  String url;

  @FormParam("platform")
  String platform;

  @FormParam("bundle_names")
  String bundleNames;

  /** The form as a page shows it again. */
  static Map<String, String> of(StoreView store) {
    var f = new StoreFormParams();
    var d = store.details();
    f.type = store.type().name();
    f.reference = store.storeReference();
    f.name = d.name();
    if (d.address() != null) {
      f.street = d.address().streetAddress();
      f.postalCode = d.address().postalCode();
      f.city = d.address().city();
      f.region = d.address().region();
      f.country = d.address().country();
    }
    f.url = d.url();
    f.platform = d.platform();
    f.bundleNames = String.join(", ", d.bundleNames());
    return f.asMap();
  }

  Map<String, String> asMap() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("type", type);
    form.put("store_reference", reference);
    form.put("name", name);
    form.put("street_address", street);
    form.put("postal_code", postalCode);
    form.put("city", city);
    form.put("region", region);
    form.put("country", country);
    form.put("url", url);
    form.put("platform", platform);
    form.put("bundle_names", bundleNames);
    return form;
  }

  /** The chosen type; null when none or an unknown one was sent. */
  StoreType type() {
    try {
      return type == null ? null : StoreType.valueOf(type);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  String reference() {
    return Forms.blankToNull(reference);
  }

  /** The type-specific data; fields of other types are ignored, as the form shows them all. */
  StoreView.Details details(StoreType storeType) {
    String countryCode = Forms.blankToNull(country);
    return new StoreView.Details(
        Forms.blankToNull(name),
        storeType == StoreType.PHYSICAL_STORE
            ? new StoreView.Address(
                Forms.blankToNull(street),
                null,
                Forms.blankToNull(postalCode),
                Forms.blankToNull(city),
                Forms.blankToNull(region),
                countryCode == null ? null : countryCode.toUpperCase(Locale.ROOT))
            : null,
        storeType == StoreType.WEBSITE ? Forms.blankToNull(url) : null,
        storeType == StoreType.MOBILE_APP ? Forms.blankToNull(platform) : null,
        storeType == StoreType.MOBILE_APP && Forms.blankToNull(bundleNames) != null
            ? Arrays.stream(bundleNames.split("[,\\n]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList()
            : List.of());
  }
}
