package com.stepup.gateway.stores.internal;

import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.stores.ApiKeyView;
import com.stepup.gateway.stores.ApiScope;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.TerminalInput;
import com.stepup.gateway.stores.TerminalView;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The stores module's JSON, read and written by hand so the field names are the contract's. */
final class StoreJson {

  private StoreJson() {}

  record StoreInput(StoreType type, String reference, StoreView.Details details) {}

  /** A new store. */
  static StoreInput store(JsonInput in) {
    StoreType type = null;
    String t = in.requiredText("type", 20);
    if (t != null) {
      try {
        type = StoreType.valueOf(t);
      } catch (IllegalArgumentException e) {
        in.reject("type", "must be PHYSICAL_STORE, WEBSITE or MOBILE_APP");
      }
    }
    return new StoreInput(type, in.requiredText("store_reference", 100), details(in));
  }

  /** A PATCH: fields not sent keep their current value; type and reference never change. */
  static StoreView.Details changes(StoreView.Details current, JsonInput in) {
    for (String fixed : new String[] {"type", "store_reference"}) {
      if (in.has(fixed)) {
        in.reject(fixed, "cannot be changed");
      }
    }
    StoreView.Details sent = details(in);
    return new StoreView.Details(
        in.has("name") ? sent.name() : current.name(),
        in.has("address") ? sent.address() : current.address(),
        in.has("url") ? sent.url() : current.url(),
        in.has("platform") ? sent.platform() : current.platform(),
        in.has("bundle_names") ? sent.bundleNames() : current.bundleNames());
  }

  static StoreView.Details details(JsonInput in) {
    String name = in.text("name", 200).orElse(null);
    StoreView.Address address =
        in.object("address")
            .map(
                a ->
                    new StoreView.Address(
                        a.text("street_address", 200).orElse(null),
                        a.text("street_address2", 200).orElse(null),
                        a.text("postal_code", 20).orElse(null),
                        a.text("city", 100).orElse(null),
                        a.text("region", 100).orElse(null),
                        a.text("country", 2).orElse(null)))
            .orElse(null);
    String url = in.text("url", 2000).orElse(null);
    String platform = in.text("platform", 16).map(p -> p.toUpperCase(Locale.ROOT)).orElse(null);
    List<String> bundles = in.texts("bundle_names", 20, 200).orElse(null);
    return new StoreView.Details(name, address, url, platform, bundles);
  }

  static TerminalInput terminal(JsonInput in, boolean creating) {
    String reference =
        creating
            ? in.requiredText("terminal_reference", 100)
            : in.text("terminal_reference", 100).orElse(null);
    return new TerminalInput(
        reference,
        in.text("name", 200).orElse(null),
        in.bool("has_display").orElse(null),
        in.bool("active").orElse(null));
  }

  static JsonObject store(StoreView s) {
    var json =
        Json.createObjectBuilder()
            .add("id", s.id())
            .add("type", s.type().name())
            .add("store_reference", s.storeReference());
    StoreView.Details d = s.details();
    addIfSet(json, "name", d.name());
    if (d.address() != null) {
      var a = Json.createObjectBuilder();
      addIfSet(a, "street_address", d.address().streetAddress());
      addIfSet(a, "street_address2", d.address().streetAddress2());
      addIfSet(a, "postal_code", d.address().postalCode());
      addIfSet(a, "city", d.address().city());
      addIfSet(a, "region", d.address().region());
      addIfSet(a, "country", d.address().country());
      json.add("address", a);
    }
    addIfSet(json, "url", d.url());
    addIfSet(json, "platform", d.platform());
    if (!d.bundleNames().isEmpty()) {
      json.add("bundle_names", Json.createArrayBuilder(d.bundleNames()));
    }
    var klarna = Json.createObjectBuilder();
    if (s.klarnaStoreId() == null) {
      klarna.addNull("store_id");
    } else {
      klarna.add("store_id", s.klarnaStoreId());
    }
    klarna.add("onboarding_status", s.onboarding().name().toLowerCase(Locale.ROOT));
    addIfSet(klarna, "error", s.onboardingError());
    klarna.add("attempts", s.onboardingAttempts());
    json.add("klarna", klarna);
    return time(json, s.createdAt(), s.updatedAt()).build();
  }

  /** {@link #store(StoreView)} written by a generator: the same bytes ({@code StoreJsonTest}). */
  static void writeStore(JsonGenerator json, StoreView s) {
    json.writeStartObject()
        .write("id", s.id())
        .write("type", s.type().name())
        .write("store_reference", s.storeReference());
    StoreView.Details d = s.details();
    writeIfSet(json, "name", d.name());
    if (d.address() != null) {
      json.writeStartObject("address");
      writeIfSet(json, "street_address", d.address().streetAddress());
      writeIfSet(json, "street_address2", d.address().streetAddress2());
      writeIfSet(json, "postal_code", d.address().postalCode());
      writeIfSet(json, "city", d.address().city());
      writeIfSet(json, "region", d.address().region());
      writeIfSet(json, "country", d.address().country());
      json.writeEnd();
    }
    writeIfSet(json, "url", d.url());
    writeIfSet(json, "platform", d.platform());
    if (!d.bundleNames().isEmpty()) {
      json.writeStartArray("bundle_names");
      d.bundleNames().forEach(json::write);
      json.writeEnd();
    }
    json.writeStartObject("klarna");
    if (s.klarnaStoreId() == null) {
      json.writeNull("store_id");
    } else {
      json.write("store_id", s.klarnaStoreId());
    }
    json.write("onboarding_status", s.onboarding().name().toLowerCase(Locale.ROOT));
    writeIfSet(json, "error", s.onboardingError());
    json.write("attempts", s.onboardingAttempts()).writeEnd();
    json.write("created_at", s.createdAt().toString())
        .write("updated_at", s.updatedAt().toString())
        .writeEnd();
  }

  static JsonObject terminal(TerminalView t) {
    var json =
        Json.createObjectBuilder()
            .add("id", t.id())
            .add("store_id", t.storeId())
            .add("terminal_reference", t.terminalReference());
    addIfSet(json, "name", t.name());
    json.add("has_display", t.hasDisplay()).add("active", t.active());
    return time(json, t.createdAt(), t.updatedAt()).build();
  }

  static JsonObject merchant(MerchantView m) {
    var json =
        Json.createObjectBuilder()
            .add("id", m.id())
            .add("name", m.name())
            .add("klarna_partner_account_id", m.partnerAccountId())
            .add("status", m.status().name().toLowerCase(Locale.ROOT));
    addIfSet(json, "notification_url", m.notificationUrl());
    return time(json, m.createdAt(), m.updatedAt()).build();
  }

  /** {@link #merchant(MerchantView)} written by a generator: the same bytes. */
  static void writeMerchant(JsonGenerator json, MerchantView m) {
    json.writeStartObject()
        .write("id", m.id())
        .write("name", m.name())
        .write("klarna_partner_account_id", m.partnerAccountId())
        .write("status", m.status().name().toLowerCase(Locale.ROOT));
    writeIfSet(json, "notification_url", m.notificationUrl());
    json.write("created_at", m.createdAt().toString())
        .write("updated_at", m.updatedAt().toString())
        .writeEnd();
  }

  static JsonObject apiKey(ApiKeyView k) {
    var json =
        Json.createObjectBuilder()
            .add("id", k.id())
            .add("label", k.label())
            .add("prefix", k.prefix())
            .add("created_at", k.createdAt().toString());
    addIfSet(json, "last_used_at", k.lastUsedAt() == null ? null : k.lastUsedAt().toString());
    addIfSet(json, "revoked_at", k.revokedAt() == null ? null : k.revokedAt().toString());
    var scopes = Json.createArrayBuilder();
    k.scopes().stream().sorted().forEach(s -> scopes.add(s.wire()));
    json.add("scopes", scopes);
    return json.build();
  }

  /**
   * The {@code scopes} of a new key: every scope when absent; otherwise known names, at least one
   * (an unknown name is a 400 listing the known ones).
   */
  static Set<ApiScope> scopes(JsonInput in) {
    var names = in.texts("scopes", 20, 40);
    if (names.isEmpty()) {
      return ApiScope.ALL;
    }
    var scopes = EnumSet.noneOf(ApiScope.class);
    for (String name : names.get()) {
      var scope = ApiScope.of(name);
      if (scope.isEmpty()) {
        in.reject(
            "scopes",
            "unknown scope "
                + name
                + "; use payments:write, payments:read, captures, refunds, disputes, stores,"
                + " webhooks");
      } else {
        scopes.add(scope.get());
      }
    }
    if (names.get().isEmpty()) {
      in.reject("scopes", "give at least one scope");
    }
    return scopes;
  }

  private static JsonObjectBuilder time(JsonObjectBuilder json, Instant created, Instant updated) {
    return json.add("created_at", created.toString()).add("updated_at", updated.toString());
  }

  private static void addIfSet(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }

  private static void writeIfSet(JsonGenerator json, String name, String value) {
    if (value != null) {
      json.write(name, value);
    }
  }
}
