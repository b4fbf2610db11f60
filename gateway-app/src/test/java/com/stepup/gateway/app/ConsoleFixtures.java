package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.bench.PaymentBodies;
import java.net.URL;

/**
 * What the console's browser tests need made before a page can show it, made through the admin and
 * partner APIs, and handed back as records: no test takes another's merchant or users.
 */
final class ConsoleFixtures {

  static final String USER_PASSWORD = "correct-horse-battery";

  private final URL base;

  ConsoleFixtures(URL base) {
    this.base = base;
  }

  /** Who logs in to the console. */
  record User(String username, String password) {

    static User platformAdmin() {
      return new User(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD);
    }
  }

  /** A merchant, its partner API key, its merchant admin and a (platform) support user. */
  record Merchant(String id, String name, String apiKey, User admin, User support) {

    /** The merchant's partner API, with its key. */
    JsonHttp partner(URL base) {
      return new JsonHttp(base, "Bearer " + apiKey);
    }
  }

  /** A physical store of a merchant, with a terminal {@code till-1} that has a display. */
  record Store(String id, String reference) {}

  /** A payment as the partner API answered its creation. */
  record Sale(String id, String reference, String paymentRequestId) {}

  JsonHttp admin() {
    return ItGateway.admin(base);
  }

  /** A merchant "Shop {tag}", its merchant admin and a support user, through the admin API. */
  Merchant merchantWithUsers(String tag) {
    JsonHttp admin = admin();
    String name = "Shop " + tag;
    JsonHttp.Answer merchant =
        admin.post(
            "/api/v1/admin/merchants",
            "{\"name\":\""
                + name
                + "\",\"klarna_partner_account_id\":\"krn:partner:global:account:test:"
                + tag
                + "\"}");
    assertThat(merchant.status()).as(merchant.toString()).isEqualTo(201);
    String merchantId = merchant.json().getString("id");
    User merchantAdmin = new User(tag + "-admin", USER_PASSWORD);
    User support = new User(tag + "-support", USER_PASSWORD);
    JsonHttp.Answer user =
        admin.post(
            "/api/v1/admin/users",
            "{\"username\":\""
                + merchantAdmin.username()
                + "\",\"password\":\""
                + USER_PASSWORD
                + "\",\"role\":\"MERCHANT_ADMIN\",\"merchant_id\":\""
                + merchantId
                + "\"}");
    assertThat(user.status()).as(user.toString()).isEqualTo(201);
    JsonHttp.Answer supportUser =
        admin.post(
            "/api/v1/admin/users",
            "{\"username\":\""
                + support.username()
                + "\",\"password\":\""
                + USER_PASSWORD
                + "\",\"role\":\"SUPPORT\"}");
    assertThat(supportUser.status()).as(supportUser.toString()).isEqualTo(201);
    return new Merchant(
        merchantId, name, merchant.json().getString("api_key"), merchantAdmin, support);
  }

  /**
   * The physical store {@code shop-1} named {@code name}, in Columbus, with a terminal {@code
   * till-1} that has a display.
   */
  Store physicalStoreWithTill(Merchant merchant, String name) {
    JsonHttp partner = merchant.partner(base);
    JsonHttp.Answer store =
        partner.post(
            "/api/v1/stores",
            "{\"type\":\"PHYSICAL_STORE\",\"store_reference\":\"shop-1\",\"name\":\""
                + name
                + "\",\"address\":{\"street_address\":\"1 Main St\",\"postal_code\":\"43215\","
                + "\"city\":\"Columbus\",\"region\":\"OH\",\"country\":\"US\"}}");
    assertThat(store.status()).as(store.toString()).isEqualTo(201);
    String storeId = store.json().getString("id");
    partner.post(
        "/api/v1/stores/" + storeId + "/terminals",
        "{\"terminal_reference\":\"till-1\",\"name\":\"Till 1\",\"has_display\":true}");
    return new Store(storeId, "shop-1");
  }

  /** A website store; {@code name} may be null. */
  JsonHttp.Answer websiteStore(Merchant merchant, String reference, String name, String url) {
    return merchant
        .partner(base)
        .post(
            "/api/v1/stores",
            "{\"type\":\"WEBSITE\",\"store_reference\":\""
                + reference
                + "\""
                + (name == null ? "" : ",\"name\":\"" + name + "\"")
                + ",\"url\":\""
                + url
                + "\"}");
  }

  /** A sale on till 1 of {@code shop-1}, in US dollars: its id. */
  String inStoreSale(Merchant merchant, String reference, long amount) {
    return merchant
        .partner(base)
        .post("/api/v1/payments", inStore(reference, amount, "USD"))
        .json()
        .getString("id");
  }

  /** A sale on till 1 of {@code shop-1} that waits for the shopper (a QR code on the till). */
  Sale inStoreSaleAwaitingTheShopper(
      Merchant merchant, String reference, long amount, String currency) {
    var payment =
        merchant
            .partner(base)
            .post("/api/v1/payments", inStore(reference, amount, currency))
            .json();
    return new Sale(
        payment.getString("id"),
        reference,
        payment.getJsonObject("klarna").getString("payment_request_id"));
  }

  /** The Klarna Payment Request of a payment, as the partner API shows it now. */
  String paymentRequestOf(Merchant merchant, String paymentId) {
    return merchant
        .partner(base)
        .get("/api/v1/payments/" + paymentId)
        .json()
        .getJsonObject("klarna")
        .getString("payment_request_id");
  }

  /** The body of a sale on till 1 of {@code shop-1}. */
  static String inStore(String reference, long amount, String currency) {
    return PaymentBodies.inStore(amount)
        .reference(reference)
        .store("shop-1")
        .terminal("till-1")
        .currency(currency)
        .lineItem(false)
        .json();
  }

  /** An online sale at the website store {@code web}, which returns to {@code returnUrl}. */
  JsonHttp.Answer createOnlineSale(
      Merchant merchant, String reference, long amount, String currency, String returnUrl) {
    return merchant
        .partner(base)
        .post(
            "/api/v1/payments",
            "{\"amount\":"
                + amount
                + ",\"currency\":\""
                + currency
                + "\",\"reference\":\""
                + reference
                + "\",\"store_reference\":\"web\",\"return_url\":\""
                + returnUrl
                + "\"}");
  }

  /** An online sale at the website store {@code web}: its id. */
  String onlineSale(
      Merchant merchant, String reference, long amount, String currency, String returnUrl) {
    return createOnlineSale(merchant, reference, amount, currency, returnUrl)
        .json()
        .getString("id");
  }
}
