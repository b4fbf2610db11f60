package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaStore;
import com.stepup.gateway.klarna.KlarnaStores;
import com.stepup.gateway.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Optional;

/** Klarna's stores API for one partner account: onboarding a store and finding it again. */
@ApplicationScoped
class KlarnaStoresClient implements KlarnaStores {

  @Inject KlarnaHttp http;

  /**
   * Onboards a store and answers Klarna's {@code store_id}. The idempotency key makes a retry after
   * a time-out safe; a store Klarna already has under this reference (409) is looked up instead.
   */
  @Override
  public String onboard(String partnerAccountId, KlarnaStore store, String idempotencyKey) {
    try {
      JsonObject created =
          http.call(
              partnerAccountId,
              "create store",
              api -> api.createStore(partnerAccountId, idempotencyKey, store.toJson()));
      return created.getString("store_id");
    } catch (KlarnaException e) {
      if (e.status() == 409) {
        return byReference(partnerAccountId, store.storeReference()).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  /** Sends a store's changed name and type-specific data; type and reference never change. */
  @Override
  public void update(
      String partnerAccountId, String storeId, KlarnaStore store, String idempotencyKey) {
    var changes = Json.createObjectBuilder(store.toJson());
    changes.remove("type");
    changes.remove("store_reference");
    http.call(
        partnerAccountId,
        "update store",
        api -> api.updateStore(partnerAccountId, storeId, idempotencyKey, changes.build()));
  }

  /** The {@code store_id} of the account's store with this reference, if Klarna has one. */
  @Override
  public Optional<String> byReference(String partnerAccountId, String storeReference) {
    JsonObject list =
        http.call(partnerAccountId, "list stores", api -> api.stores(partnerAccountId));
    return list.getJsonArray("stores").getValuesAs(JsonObject.class).stream()
        .filter(s -> storeReference.equals(s.getString("store_reference", null)))
        .map(s -> s.getString("store_id"))
        .findFirst();
  }
}
