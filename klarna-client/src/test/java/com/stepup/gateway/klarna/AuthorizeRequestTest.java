package com.stepup.gateway.klarna;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.platform.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthorizeRequestTest {

  static final AuthorizeRequest.Customer ADA =
      new AuthorizeRequest.Customer("ada@example.com", "+4915112345678", "Ada", "Lovelace");

  static AuthorizeRequest online(AuthorizeRequest.PurchaseData purchase, Duration expiry) {
    return new AuthorizeRequest(
        "EUR",
        11800,
        "pay_1",
        purchase,
        AuthorizeRequest.PartnerData.NONE,
        AuthorizeRequest.StepUp.handover(
                "pay_1", "https://gw.example/return/pay_1", null, "krn:store:1", "web")
            .expiring(expiry),
        false);
  }

  @Test
  void purchaseDataGoesInSupplementaryPurchaseDataInKlarnasShape() {
    var lines =
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("name", "Shoes")
                    .add("quantity", 1)
                    .add("unit_price", 11800)
                    .add("total_amount", 11800))
            .build();
    var shipping =
        new AuthorizeRequest.Shipping(
            new AuthorizeRequest.Customer(null, null, "Ada", "Lovelace"),
            new KlarnaStore.Address("Main St 1", null, "10115", "Berlin", null, "DE"),
            "STORE_PICKUP");
    JsonObject body =
        online(new AuthorizeRequest.PurchaseData("order-1", lines, ADA, shipping), null).toJson();
    JsonObject purchase = body.getJsonObject("supplementary_purchase_data");
    assertThat(purchase.getString("purchase_reference")).isEqualTo("order-1");
    assertThat(purchase.getJsonArray("line_items")).hasSize(1);
    assertThat(purchase.getJsonObject("customer").getString("email")).isEqualTo("ada@example.com");
    assertThat(purchase.getJsonObject("customer").getString("phone")).isEqualTo("+4915112345678");
    JsonObject parcel = purchase.getJsonArray("shipping").getJsonObject(0);
    assertThat(parcel.getJsonObject("recipient").getString("family_name")).isEqualTo("Lovelace");
    assertThat(parcel.getJsonObject("recipient")).doesNotContainKeys("email", "phone");
    assertThat(parcel.getJsonObject("address").getString("country")).isEqualTo("DE");
    assertThat(parcel.getJsonObject("address")).doesNotContainKey("street_address2");
    assertThat(parcel.getString("shipping_method")).isEqualTo("STORE_PICKUP");
  }

  @Test
  void theJourneysLifetimeIsAnIsoDurationInTheInteractionConfig() {
    JsonObject interaction =
        online(null, Duration.ofSeconds(900))
            .toJson()
            .getJsonObject("step_up_config")
            .getJsonObject("customer_interaction_config");
    assertThat(interaction.getJsonObject("interaction_expiry").getString("duration"))
        .isEqualTo("PT15M");
    assertThat(
            online(null, Duration.ofSeconds(172_800))
                .toJson()
                .getJsonObject("step_up_config")
                .getJsonObject("customer_interaction_config")
                .getJsonObject("interaction_expiry")
                .getString("duration"))
        .isEqualTo("PT48H");
    assertThat(
            online(null, null)
                .toJson()
                .getJsonObject("step_up_config")
                .getJsonObject("customer_interaction_config"))
        .as("Klarna's default when not asked")
        .doesNotContainKey("interaction_expiry");
  }

  @Test
  void anOnlinePaymentNamesItsStoreAsPointOfCheckout() {
    JsonObject interaction =
        online(null, null)
            .toJson()
            .getJsonObject("step_up_config")
            .getJsonObject("customer_interaction_config");
    assertThat(interaction.getJsonObject("point_of_checkout").getString("store_id"))
        .isEqualTo("krn:store:1");
    assertThat(interaction).doesNotContainKey("point_of_transaction");
    JsonObject byReference =
        AuthorizeRequest.StepUp.handover("pay_1", "https://gw.example/r", null, null, "web")
            .toJson()
            .getJsonObject("customer_interaction_config");
    assertThat(byReference.getJsonObject("point_of_checkout").getString("store_reference"))
        .isEqualTo("web");
  }

  @Test
  void personalDataNeverShowsInToString() {
    var purchase =
        new AuthorizeRequest.PurchaseData(
            "order-1",
            null,
            ADA,
            new AuthorizeRequest.Shipping(
                ADA, new KlarnaStore.Address("Main St 1", null, "1", "B", null, "DE"), null));
    assertThat(online(purchase, null).toString())
        .doesNotContain("ada@example.com", "Lovelace", "Main St", "+4915");
    assertThat(new AuthorizeRequest.PartnerData("secret-token", "d", false, false).toString())
        .doesNotContain("secret-token");
  }
}
