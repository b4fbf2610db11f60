package com.stepup.gateway.klarna;

import com.stepup.gateway.platform.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * A store as Klarna's stores API takes it ({@code POST /v2/accounts/{pa}/stores}): {@code type},
 * {@code store_reference}, and {@code address} (PHYSICAL_STORE), {@code url} (WEBSITE) or {@code
 * platform} + {@code bundle_names} (MOBILE_APP).
 */
public record KlarnaStore(
    String type,
    String storeReference,
    String name,
    Address address,
    String url,
    String platform,
    List<String> bundleNames) {

  /** A physical store's address. */
  public record Address(
      String streetAddress,
      String streetAddress2,
      String postalCode,
      String city,
      String region,
      String country) {}

  public JsonObject toJson() {
    var json = Json.createObjectBuilder().add("type", type).add("store_reference", storeReference);
    addIfSet(json, "name", name);
    if (address != null) {
      json.add("address", addressJson(address));
    }
    addIfSet(json, "url", url);
    addIfSet(json, "platform", platform);
    if (bundleNames != null && !bundleNames.isEmpty()) {
      json.add("bundle_names", Json.createArrayBuilder(bundleNames));
    }
    return json.build();
  }

  /** Klarna's address object, as stores and shipping both use it. */
  static JsonObject addressJson(Address address) {
    var a = Json.createObjectBuilder();
    addIfSet(a, "street_address", address.streetAddress());
    addIfSet(a, "street_address2", address.streetAddress2());
    addIfSet(a, "postal_code", address.postalCode());
    addIfSet(a, "city", address.city());
    addIfSet(a, "region", address.region());
    addIfSet(a, "country", address.country());
    return a.build();
  }

  private static void addIfSet(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }
}
