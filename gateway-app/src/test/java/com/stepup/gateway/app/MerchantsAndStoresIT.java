package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API and the partner stores API end to end: the real WAR on Payara Micro, onboarding
 * stores at the Klarna sandbox beside it over real HTTP.
 */
@OnEveryDatabase
@ExtendWith(ArquillianExtension.class)
class MerchantsAndStoresIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return GatewayDeployment.war();
  }

  @ArquillianResource URL base;

  JsonHttp admin() {
    return new JsonHttp(
        base, JsonHttp.basic(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD));
  }

  JsonHttp sandbox() {
    return new JsonHttp(base, "Basic it-sandbox-key");
  }

  /** A new merchant through the admin API; answers its partner API client. */
  JsonHttp newMerchant(String account) {
    JsonHttp.Answer created =
        admin()
            .post(
                "/api/v1/admin/merchants",
                "{\"name\":\"Shoe Shop\",\"klarna_partner_account_id\":\"" + account + "\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new JsonHttp(base, "Bearer " + created.json().getString("api_key"));
  }

  static String account() {
    return "krn:partner:global:account:test:" + UUID.randomUUID();
  }

  static final String PHYSICAL =
      "{\"type\":\"PHYSICAL_STORE\",\"store_reference\":\"%s\",\"name\":\"Main St\","
          + "\"address\":{\"street_address\":\"800 N. High St\",\"postal_code\":\"43215\","
          + "\"city\":\"Columbus\",\"region\":\"OH\",\"country\":\"US\"}}";

  @Test
  void platformAdminsCreateMerchantsAndKeys() {
    String account = account();
    JsonHttp.Answer created =
        admin()
            .post(
                "/api/v1/admin/merchants",
                "{\"name\":\"Shoe Shop\",\"klarna_partner_account_id\":\""
                    + account
                    + "\",\"notification_url\":\"https://shoes.example/hooks\"}");
    assertThat(created.status()).isEqualTo(201);
    JsonObject merchant = created.json();
    assertThat(merchant.getString("id")).startsWith("mer_");
    assertThat(merchant.getString("status")).isEqualTo("active");
    assertThat(merchant.getString("api_key")).startsWith("sk_").hasSizeGreaterThan(40);
    assertThat(merchant.getString("webhook_secret")).startsWith("whsec_");
    String id = merchant.getString("id");

    JsonHttp.Answer keys = admin().get("/api/v1/admin/merchants/" + id + "/api-keys");
    assertThat(keys.body())
        .as("a listed key shows its prefix, never the key")
        .contains(merchant.getString("api_key").substring(0, 11))
        .doesNotContain(merchant.getString("api_key"));

    JsonHttp.Answer duplicate =
        admin()
            .post(
                "/api/v1/admin/merchants",
                "{\"name\":\"Again\",\"klarna_partner_account_id\":\"" + account + "\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.body()).contains("klarna_partner_account_id");

    JsonHttp.Answer invalid =
        admin().post("/api/v1/admin/merchants", "{\"notification_url\":\"ftp://x\"}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.type()).startsWith("application/problem+json");
    assertThat(invalid.json().getJsonArray("errors").toString())
        .contains("\"name\"")
        .contains("\"klarna_partner_account_id\"")
        .contains("\"notification_url\"");
    assertThat(admin().post("/api/v1/admin/merchants", "{not json").status()).isEqualTo(400);

    JsonHttp.Answer anonymous =
        new JsonHttp(base, null).post("/api/v1/admin/merchants", "{\"name\":\"x\"}");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.type()).startsWith("application/problem+json");

    JsonHttp partner = new JsonHttp(base, "Bearer " + merchant.getString("api_key"));
    assertThat(partner.get("/api/v1/stores").status()).isEqualTo(200);
    admin().patch("/api/v1/admin/merchants/" + id, "{\"status\":\"suspended\"}");
    assertThat(partner.get("/api/v1/stores").status()).as("suspended").isEqualTo(403);
    admin().patch("/api/v1/admin/merchants/" + id, "{\"status\":\"active\"}");
    assertThat(partner.get("/api/v1/stores").status()).isEqualTo(200);

    String keyId = keys.json().getJsonArray("items").getJsonObject(0).getString("id");
    assertThat(admin().delete("/api/v1/admin/merchants/" + id + "/api-keys/" + keyId).status())
        .isEqualTo(200);
    JsonHttp.Answer revoked = partner.get("/api/v1/stores");
    assertThat(revoked.status()).as("revoked key").isEqualTo(401);
    assertThat(revoked.type()).startsWith("application/problem+json");
    assertThat(partner.as("Bearer sk_unknown").get("/api/v1/stores").status()).isEqualTo(401);
    assertThat(partner.as(null).get("/api/v1/stores").status()).isEqualTo(401);
  }

  @Test
  void aMerchantOnboardsAPhysicalStoreAndItsTerminals() {
    String account = account();
    JsonHttp partner = newMerchant(account);
    JsonHttp.Answer created = partner.post("/api/v1/stores", PHYSICAL.formatted("store-001"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonObject store = created.json();
    String storeId = store.getString("id");
    assertThat(store.getJsonObject("klarna").getString("onboarding_status")).isEqualTo("onboarded");
    String klarnaStoreId = store.getJsonObject("klarna").getString("store_id");
    assertThat(klarnaStoreId).startsWith("krn:partner:global:account:store:");
    assertThat(sandbox().get("/klarna-sandbox/v2/accounts/" + account + "/stores").body())
        .as("Klarna has the store, with the address")
        .contains(klarnaStoreId)
        .contains("800 N. High St");

    assertThat(partner.post("/api/v1/stores", PHYSICAL.formatted("store-001")).body())
        .contains("store_reference")
        .contains("409");

    JsonHttp.Answer bad =
        partner.post(
            "/api/v1/stores",
            "{\"type\":\"PHYSICAL_STORE\",\"store_reference\":\"bad store!\","
                + "\"name\":\""
                + "x".repeat(201)
                + "\",\"address\":{\"city\":\"Columbus\",\"country\":\"XX\"}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").toString())
        .contains("\"store_reference\"")
        .contains("\"name\"")
        .contains("\"address.street_address\"")
        .contains("\"address.country\"");
    JsonHttp.Answer website =
        partner.post(
            "/api/v1/stores",
            "{\"type\":\"WEBSITE\",\"store_reference\":\"web-1\",\"url\":\"not a url\"}");
    assertThat(website.status()).isEqualTo(400);
    assertThat(website.body()).contains("\"url\"");
    assertThat(partner.post("/api/v1/stores", "{\"type\":\"KIOSK\"}").body()).contains("\"type\"");

    JsonHttp.Answer till =
        partner.post(
            "/api/v1/stores/" + storeId + "/terminals",
            "{\"terminal_reference\":\"till-7\",\"name\":\"Till 7\",\"has_display\":true}");
    assertThat(till.status()).as(till.toString()).isEqualTo(201);
    assertThat(till.json().getBoolean("has_display")).isTrue();
    assertThat(till.json().getBoolean("active")).isTrue();
    assertThat(
            partner
                .post(
                    "/api/v1/stores/" + storeId + "/terminals",
                    "{\"terminal_reference\":\"till-7\"}")
                .status())
        .isEqualTo(409);
    JsonHttp.Answer web =
        partner.post(
            "/api/v1/stores",
            "{\"type\":\"WEBSITE\",\"store_reference\":\"web-1\",\"url\":\"https://shoes.example\"}");
    assertThat(web.status()).isEqualTo(201);
    JsonHttp.Answer onWeb =
        partner.post(
            "/api/v1/stores/" + web.json().getString("id") + "/terminals",
            "{\"terminal_reference\":\"till-8\"}");
    assertThat(onWeb.status()).isEqualTo(400);
    assertThat(onWeb.body()).contains("PHYSICAL_STORE");

    JsonHttp.Answer renamed =
        partner.patch("/api/v1/stores/" + storeId, "{\"name\":\"High Street\"}");
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    assertThat(renamed.json().getString("name")).isEqualTo("High Street");
    assertThat(sandbox().get("/klarna-sandbox/v2/accounts/" + account + "/stores").body())
        .as("the change went to Klarna too")
        .contains("High Street");
    assertThat(partner.patch("/api/v1/stores/" + storeId, "{\"type\":\"WEBSITE\"}").status())
        .isEqualTo(400);
    String tillId = till.json().getString("id");
    JsonHttp.Answer off =
        partner.patch("/api/v1/stores/" + storeId + "/terminals/" + tillId, "{\"active\":false}");
    assertThat(off.json().getBoolean("active")).isFalse();

    JsonObject list = partner.get("/api/v1/stores?size=1").json();
    assertThat(list.getInt("total")).isEqualTo(2);
    assertThat(list.getJsonArray("items")).hasSize(1);
    assertThat(partner.get("/api/v1/stores?size=1000").status()).isEqualTo(400);
    assertThat(partner.get("/api/v1/stores/" + storeId + "/terminals").body()).contains("till-7");

    JsonHttp other = newMerchant(account());
    assertThat(other.get("/api/v1/stores/" + storeId).status())
        .as("another merchant's store")
        .isEqualTo(404);
    assertThat(other.get("/api/v1/stores/" + storeId + "/terminals/" + tillId).status())
        .isEqualTo(404);
    assertThat(other.get("/api/v1/stores").json().getInt("total")).isZero();
    assertThat(other.post("/api/v1/stores", PHYSICAL.formatted("store-001")).status())
        .as("store references are unique per merchant only")
        .isEqualTo(201);
  }

  @Test
  void onboardingThatFailsAtKlarnaIsKeptAndRetried() {
    String account = account();
    JsonHttp partner = newMerchant(account);
    fault("stores", "HTTP_500", 0);
    JsonHttp.Answer failed = partner.post("/api/v1/stores", PHYSICAL.formatted("store-500"));
    assertThat(failed.status()).isEqualTo(201);
    JsonObject klarna = failed.json().getJsonObject("klarna");
    assertThat(klarna.getString("onboarding_status")).isEqualTo("failed");
    assertThat(klarna.getString("error")).contains("500");
    assertThat(klarna.isNull("store_id")).isTrue();
    JsonHttp.Answer retried =
        partner.post(
            "/api/v1/stores/" + failed.json().getString("id") + "/klarna-onboarding", null);
    assertThat(retried.json().getJsonObject("klarna").getString("onboarding_status"))
        .isEqualTo("onboarded");
    assertThat(retried.json().getJsonObject("klarna").getInt("attempts")).isEqualTo(2);

    // Klarna commits, then the answer never comes: the retry finds the store instead of a twin
    fault("stores", "TIMEOUT", 5000);
    JsonHttp.Answer timedOut = partner.post("/api/v1/stores", PHYSICAL.formatted("store-slow"));
    assertThat(timedOut.json().getJsonObject("klarna").getString("onboarding_status"))
        .isEqualTo("failed");
    assertThat(timedOut.json().getJsonObject("klarna").getString("error")).contains("no answer");
    JsonObject again =
        partner
            .post("/api/v1/stores/" + timedOut.json().getString("id") + "/klarna-onboarding", null)
            .json();
    assertThat(again.getJsonObject("klarna").getString("onboarding_status")).isEqualTo("onboarded");
    String atKlarna = sandbox().get("/klarna-sandbox/v2/accounts/" + account + "/stores").body();
    assertThat(atKlarna.split("store-slow", -1))
        .as("one store at Klarna for the reference")
        .hasSize(2);
    assertThat(atKlarna).contains(again.getJsonObject("klarna").getString("store_id"));
  }

  private void fault(String operation, String kind, long delayMs) {
    sandbox().sandboxFault(operation, kind, delayMs);
  }
}
