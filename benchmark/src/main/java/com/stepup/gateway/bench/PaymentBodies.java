package com.stepup.gateway.bench;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.UUID;

/**
 * The partner's {@code POST /api/v1/payments} bodies, for the benchmark and the integration tests
 * alike: one place, one argument order. {@code inStore(11800).terminal("till-1").json()}.
 */
public final class PaymentBodies {

  private PaymentBodies() {}

  /** A sale at a till: store-001, till-7, USD, one line item of the whole amount. */
  public static Body inStore(long amount) {
    return new Body(amount).store("store-001").terminal("till-7").lineItem(true);
  }

  /** A web shop's payment: web-001, USD, back to https://shop.example/done. */
  public static Body online(long amount) {
    return new Body(amount).store("web-001").returnUrl("https://shop.example/done");
  }

  /** A body being written; every setter answers it again. */
  public static final class Body {
    private final long amount;
    private String currency = "USD";
    private String reference = "order-" + UUID.randomUUID();
    private String store;
    private String terminal;
    private String returnUrl;
    private String appReturnUrl;
    private String sdkToken;
    private boolean lineItem;

    private Body(long amount) {
      this.amount = amount;
    }

    public Body currency(String currency) {
      this.currency = currency;
      return this;
    }

    public Body reference(String reference) {
      this.reference = reference;
      return this;
    }

    public Body store(String storeReference) {
      this.store = storeReference;
      return this;
    }

    public Body terminal(String terminalReference) {
      this.terminal = terminalReference;
      return this;
    }

    public Body returnUrl(String returnUrl) {
      this.returnUrl = returnUrl;
      return this;
    }

    public Body appReturnUrl(String appReturnUrl) {
      this.appReturnUrl = appReturnUrl;
      return this;
    }

    /** The token Klarna's SDK gave the partner's page ({@code klarna_network_session_token}). */
    public Body sdkToken(String token) {
      this.sdkToken = token;
      return this;
    }

    /** With (or without) one line item of the whole amount. */
    public Body lineItem(boolean lineItem) {
      this.lineItem = lineItem;
      return this;
    }

    public String json() {
      JsonObjectBuilder json =
          Json.createObjectBuilder()
              .add("amount", amount)
              .add("currency", currency)
              .add("reference", reference)
              .add("store_reference", store);
      if (terminal != null) {
        json.add("terminal_reference", terminal);
      }
      if (returnUrl != null) {
        json.add("return_url", returnUrl);
      }
      if (appReturnUrl != null) {
        json.add("app_return_url", appReturnUrl);
      }
      if (sdkToken != null) {
        json.add("klarna_network_session_token", sdkToken);
      }
      if (lineItem) {
        json.add(
            "line_items",
            Json.createArrayBuilder()
                .add(
                    Json.createObjectBuilder()
                        .add("name", "Shoes")
                        .add("quantity", 1)
                        .add("unit_price", amount)
                        .add("total_amount", amount)));
      }
      return json.build().toString();
    }
  }
}
