package com.stepup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The initial authorize's rules that issue 25 added, as strict as Klarna on each. */
class AuthorizeRulesTest {

  static final String ACCOUNT = "krn:partner:global:account:test:1";

  PaymentRequests requests;
  SandboxStores stores;

  @BeforeEach
  void wire() {
    SandboxClock clock =
        new SandboxClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    stores = new SandboxStores(clock);
    SigningKeys keys = new SigningKeys(clock);
    Webhooks webhooks = new Webhooks(clock, keys, new WebhookDeliveries(clock, new Faults(), keys));
    Transactions transactions = new Transactions(clock, webhooks, new Ledger(clock));
    requests =
        new PaymentRequests(
            clock,
            stores,
            new AuthorizeValidation(stores),
            new FinalAuthorizations(clock, transactions),
            webhooks);
  }

  static JsonObject json(String text) {
    try (var r = Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }

  static String online(String interactionExtra, String purchase, String bodyExtra) {
    return "{\"currency\":\"EUR\",\"request_payment_transaction\":{\"amount\":1000,"
        + "\"payment_transaction_reference\":\"pay_1\"},"
        + "\"supplementary_purchase_data\":{\"purchase_reference\":\"o-1\""
        + purchase
        + "}"
        + bodyExtra
        + ",\"step_up_config\":{\"payment_request_reference\":\"pay_1\","
        + "\"customer_interaction_config\":{\"method\":\"HANDOVER\","
        + "\"return_url\":\"https://gw.example/return/pay_1\""
        + interactionExtra
        + "}}}";
  }

  /** The parameters Klarna names in its 400, or "accepted". */
  List<String> refused(String body) {
    try {
      requests.authorize(ACCOUNT, json(body), null, "http://sandbox/");
      return List.of("accepted");
    } catch (KlarnaError e) {
      assertThat(e.status()).isEqualTo(400);
      return e.body().getJsonArray("validation_errors").getValuesAs(JsonObject.class).stream()
          .map(v -> v.getString("parameter"))
          .toList();
    }
  }

  void store(String type, String reference) {
    var body = Json.createObjectBuilder().add("type", type).add("store_reference", reference);
    switch (type) {
      case "WEBSITE" -> body.add("url", "https://shop.example");
      case "PHYSICAL_STORE" ->
          body.add(
              "address",
              Json.createObjectBuilder()
                  .add("street_address", "Main St 1")
                  .add("postal_code", "10115")
                  .add("city", "Berlin")
                  .add("country", "DE"));
      default ->
          body.add("platform", "IOS").add("bundle_names", Json.createArrayBuilder().add("a.b"));
    }
    stores.create(ACCOUNT, body.build());
  }

  @Test
  void theSameDataUnderTwoNamesIsRefused() {
    assertThat(
            refused(
                online("", "", ",\"klarna_network_data\":\"{}\",\"interoperability_data\":\"{}\"")))
        .containsExactly("interoperability_data");
    assertThat(refused(online("", "", ",\"interoperability_data\":\"{}\"")))
        .containsExactly("accepted");
  }

  @Test
  void anOnlinePaymentNamesItsStoreOnceTheAccountHasSeveral() {
    store("WEBSITE", "web");
    assertThat(refused(online("", "", "")))
        .as("one store: Klarna knows which")
        .containsExactly("accepted");
    store("PHYSICAL_STORE", "shop");
    assertThat(refused(online("", "", "")))
        .containsExactly("step_up_config.customer_interaction_config.point_of_checkout");
    assertThat(refused(online(",\"point_of_checkout\":{\"store_reference\":\"web\"}", "", "")))
        .containsExactly("accepted");
    assertThat(refused(online(",\"point_of_checkout\":{\"store_reference\":\"nope\"}", "", "")))
        .containsExactly("step_up_config.customer_interaction_config.point_of_checkout");
  }

  @Test
  void theJourneysLifetimeIsFifteenMinutesToFortyEightHours() {
    String p = "step_up_config.customer_interaction_config.interaction_expiry.duration";
    assertThat(refused(online(",\"interaction_expiry\":{\"duration\":\"PT14M59S\"}", "", "")))
        .containsExactly(p);
    assertThat(refused(online(",\"interaction_expiry\":{\"duration\":\"PT48H1S\"}", "", "")))
        .containsExactly(p);
    assertThat(refused(online(",\"interaction_expiry\":{\"duration\":\"PT15M\"}", "", "")))
        .containsExactly("accepted");
    JsonObject answer =
        requests.authorize(
            ACCOUNT,
            json(online(",\"interaction_expiry\":{\"duration\":\"PT48H\"}", "", "")),
            null,
            "http://sandbox/");
    assertThat(answer.getJsonObject("payment_request").getString("expires_at"))
        .isEqualTo("2026-12-03T10:00:00Z");
  }

  static final String ADA =
      ",\"customer\":{\"email\":\"ada@example.com\",\"phone\":\"+4915112345678\","
          + "\"given_name\":\"Ada\",\"family_name\":\"Lovelace\"},"
          + "\"shipping\":[{\"recipient\":{\"given_name\":\"Ada\",\"family_name\":\"Lovelace\"},"
          + "\"address\":{\"street_address\":\"Main St 1\",\"postal_code\":\"10115\","
          + "\"city\":\"Berlin\",\"country\":\"DE\"},\"shipping_method\":\"STORE_PICKUP\"}]";

  @Test
  void purchaseDataIsCheckedShapeByShape() {
    String s = "supplementary_purchase_data";
    assertThat(refused(online("", ADA, ""))).containsExactly("accepted");
    assertThat(refused(online("", ADA.replace("ada@example.com", "ada"), "")))
        .containsExactly(s + ".customer.email");
    assertThat(refused(online("", ADA.replace("+4915112345678", "0151"), "")))
        .containsExactly(s + ".customer.phone");
    assertThat(refused(online("", ADA.replace("\"DE\"", "\"XX\""), "")))
        .containsExactly(s + ".shipping[0].address.country");
    assertThat(refused(online("", ADA.replace(",\"postal_code\":\"10115\"", ""), "")))
        .containsExactly(s + ".shipping[0].address.postal_code");
    assertThat(
            refused(
                online("", ADA.replace("\"shipping\":[", "\"shipping\":").replace("}]", "}"), "")))
        .as("shipping is a list")
        .containsExactly(s + ".shipping");
    assertThat(
            refused(
                online(
                    "",
                    ADA.replace(
                        "\"given_name\":\"Ada\",\"family_name\":\"Lovelace\"},\"address\"",
                        "\"given_name\":\"Ada\"},\"address\""),
                    "")))
        .containsExactly(s + ".shipping[0].recipient.family_name");
    assertThat(refused(online("", ADA.replace("\"phone\"", "\"mobile\""), "")))
        .containsExactly(s + ".customer.mobile");
  }
}
