package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Klarna's partner stores: WEBSITE, PHYSICAL_STORE, MOBILE_APP, per partner account. */
@ApplicationScoped
public class SandboxStores {

  static final Set<String> TYPES = Set.of("WEBSITE", "PHYSICAL_STORE", "MOBILE_APP");

  private final SandboxClock clock;

  /** account → store_id → store. */
  private final Map<String, Map<String, JsonObject>> stores = new ConcurrentHashMap<>();

  @Inject
  SandboxStores(SandboxClock clock) {
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected SandboxStores() {
    this(null);
  }

  public synchronized JsonObject create(String account, JsonObject body) {
    List<KlarnaError.Invalid> invalid = validate(body, true);
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    String reference = body.getString("store_reference");
    if (byReference(account, reference).isPresent()) {
      throw KlarnaError.conflict("A store with store_reference " + reference + " exists.");
    }
    String id = "krn:partner:global:account:store:" + UUID.randomUUID();
    var store =
        Json.createObjectBuilder(body)
            .add("store_id", id)
            .add("created_at", PaymentRequest.iso(clock.instant()))
            .add("updated_at", PaymentRequest.iso(clock.instant()))
            .build();
    of(account).put(id, store);
    return store;
  }

  public synchronized JsonObject update(String account, String storeId, JsonObject patch) {
    JsonObject current = get(account, storeId);
    var merged = Json.createObjectBuilder(current);
    patch.forEach(
        (k, v) -> {
          if (!Set.of("store_id", "store_reference", "type", "created_at").contains(k)) {
            merged.add(k, v);
          }
        });
    merged.add("updated_at", PaymentRequest.iso(clock.instant()));
    JsonObject updated = merged.build();
    List<KlarnaError.Invalid> invalid = validate(updated, false);
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    of(account).put(storeId, updated);
    return updated;
  }

  public JsonObject get(String account, String storeId) {
    JsonObject store = of(account).get(storeId);
    if (store == null) {
      throw KlarnaError.notFound("Store " + storeId);
    }
    return store;
  }

  public List<JsonObject> list(String account) {
    return new ArrayList<>(of(account).values());
  }

  public Optional<JsonObject> byReference(String account, String reference) {
    return of(account).values().stream()
        .filter(s -> reference != null && reference.equals(s.getString("store_reference", null)))
        .findFirst();
  }

  /** How many stores the account has onboarded. */
  public int count(String account) {
    Map<String, JsonObject> mine = stores.get(account);
    return mine == null ? 0 : mine.size();
  }

  public Optional<JsonObject> byId(String account, String storeId) {
    return Optional.ofNullable(of(account).get(storeId));
  }

  private Map<String, JsonObject> of(String account) {
    return stores.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
  }

  static List<KlarnaError.Invalid> validate(JsonObject store, boolean creating) {
    var invalid = new ArrayList<KlarnaError.Invalid>();
    String type = text(store, "type");
    if (type == null || !TYPES.contains(type)) {
      invalid.add(new KlarnaError.Invalid("type", "must be one of " + TYPES));
    }
    String reference = text(store, "store_reference");
    if (creating && (reference == null || reference.isBlank() || reference.length() > 255)) {
      invalid.add(new KlarnaError.Invalid("store_reference", "is required (1-255 characters)"));
    }
    if ("WEBSITE".equals(type) && !isHttpUrl(text(store, "url"))) {
      invalid.add(new KlarnaError.Invalid("url", "an http(s) URL is required for a WEBSITE"));
    }
    if ("PHYSICAL_STORE".equals(type)) {
      JsonValue address = store.get("address");
      if (!(address instanceof JsonObject a)
          || text(a, "street_address") == null
          || text(a, "city") == null
          || text(a, "country") == null
          || !text(a, "country").matches("[A-Z]{2}")) {
        invalid.add(
            new KlarnaError.Invalid(
                "address",
                "street_address, city and a two-letter country are required for a"
                    + " PHYSICAL_STORE"));
      }
    }
    if ("MOBILE_APP".equals(type)) {
      if (text(store, "platform") == null) {
        invalid.add(new KlarnaError.Invalid("platform", "is required for a MOBILE_APP"));
      }
      JsonValue bundles = store.get("bundle_names");
      if (bundles == null
          || bundles.getValueType() != JsonValue.ValueType.ARRAY
          || bundles.asJsonArray().isEmpty()) {
        invalid.add(new KlarnaError.Invalid("bundle_names", "at least one is required"));
      }
    }
    return invalid;
  }

  static String text(JsonObject json, String name) {
    JsonValue v = json.get(name);
    return v instanceof JsonString s ? s.getString() : null;
  }

  static boolean isHttpUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      // Klarna's placeholders ({klarna.payment_request.id}...) are filled in later
      URI uri = URI.create(url.replaceAll("\\{[^}]*}", "x"));
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
