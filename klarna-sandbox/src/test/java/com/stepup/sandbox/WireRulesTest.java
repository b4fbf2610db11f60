package com.stepup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireRulesTest {

  static MultivaluedHashMap<String, String> headers(String... nameValue) {
    var h = new MultivaluedHashMap<String, String>();
    for (int i = 0; i < nameValue.length; i += 2) {
      h.add(nameValue[i], nameValue[i + 1]);
    }
    return h;
  }

  static String refusal(String method, MultivaluedHashMap<String, String> h, boolean body) {
    return WireRules.check(method, h, body)
        .map(e -> e.status() + " " + e.code() + " " + e.body().toString())
        .orElse("accepted");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Klarna-Network-Session-Token",
        "Klarna-Payment-Token",
        "Klarna-Interoperability-Token",
        "Klarna-Customer-Token"
      })
  void anEmptyTokenHeaderIsRefusedNamingTheHeader(String header) {
    String answer = refusal("POST", headers("Content-Type", "application/json", header, ""), true);
    assertThat(answer).startsWith("400 VALIDATION_ERROR").contains("\"parameter\":\"" + header);
    assertThat(refusal("POST", headers("Content-Type", "application/json", header, "  "), true))
        .startsWith("400");
    assertThat(refusal("POST", headers("Content-Type", "application/json", header, "tok"), true))
        .isEqualTo("accepted");
  }

  @Test
  void idempotencyKeysAndCorrelationIdsKeepKlarnasBounds() {
    assertThat(refusal("GET", headers("Klarna-Idempotency-Key", ""), false)).startsWith("400");
    assertThat(refusal("GET", headers("Klarna-Idempotency-Key", "k".repeat(256)), false))
        .startsWith("400");
    assertThat(refusal("GET", headers("Klarna-Idempotency-Key", "k".repeat(255)), false))
        .isEqualTo("accepted");
    assertThat(refusal("GET", headers("Partner-Correlation-Id", "abc-1"), false)).startsWith("400");
    assertThat(refusal("GET", headers("Partner-Correlation-Id", "abc1"), false))
        .isEqualTo("accepted");
  }

  @Test
  void aBodyMustBeJson() {
    assertThat(refusal("POST", headers("Content-Type", "text/plain"), true))
        .startsWith("400 INVALID_CONTENT_TYPE");
    assertThat(refusal("POST", headers(), true)).startsWith("400 INVALID_CONTENT_TYPE");
    assertThat(refusal("PATCH", headers("Content-Type", "*/*"), true)).startsWith("400");
    assertThat(refusal("POST", headers("Content-Type", "application/json; charset=UTF-8"), true))
        .isEqualTo("accepted");
    assertThat(refusal("POST", headers(), false))
        .as("no body, nothing to type")
        .isEqualTo("accepted");
    assertThat(refusal("DELETE", headers(), false)).isEqualTo("accepted");
  }

  static List<KlarnaError.Invalid> lineItems(String json, long amount) {
    JsonObject purchase =
        Json.createReader(new StringReader("{\"line_items\":" + json + "}")).readObject();
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    AuthorizeValidation.checkLineItems(
        purchase, "supplementary_purchase_data.line_items", amount, invalid);
    return invalid;
  }

  @Test
  void lineItemsAddUpExactlyAndEachIsWhole() {
    assertThat(
            lineItems(
                "[{\"name\":\"Shoes\",\"quantity\":2,\"unit_price\":500,\"total_amount\":1000}]",
                1000))
        .isEmpty();
    assertThat(
            lineItems(
                "[{\"name\":\"Shoes\",\"quantity\":2,\"unit_price\":500,\"total_amount\":900}]",
                900))
        .extracting(KlarnaError.Invalid::parameter)
        .containsExactly("supplementary_purchase_data.line_items[0].total_amount");
    long max = Long.MAX_VALUE;
    assertThat(
            lineItems(
                "[{\"name\":\"a\",\"quantity\":1,\"total_amount\":"
                    + max
                    + "},{\"name\":\"b\",\"quantity\":1,\"total_amount\":"
                    + max
                    + "},{\"name\":\"c\",\"quantity\":1,\"total_amount\":1002}]",
                1000))
        .as("a sum that wraps around is out of range, never 'adds up'")
        .isNotEmpty();
    assertThat(
            lineItems("[{\"name\":\"a\",\"quantity\":1,\"total_amount\":99999999999999999999}]", 1))
        .isNotEmpty();
    assertThat(lineItems("[{\"quantity\":0,\"total_amount\":1}]", 1))
        .extracting(KlarnaError.Invalid::parameter)
        .contains(
            "supplementary_purchase_data.line_items[0].name",
            "supplementary_purchase_data.line_items[0].quantity");
    assertThat(lineItems("[\"x\"]", 1)).isNotEmpty();
    assertThat(lineItems("{}", 1)).isNotEmpty();
  }

  @Test
  void anAppReturnUrlMayNotBeAScript() {
    assertThat(AuthorizeValidation.isAppUrl("shopapp://klarna")).isTrue();
    assertThat(AuthorizeValidation.isAppUrl("https://shop.example/back")).isTrue();
    assertThat(AuthorizeValidation.isAppUrl("javascript:alert(1)")).isFalse();
    assertThat(AuthorizeValidation.isAppUrl("relative/path")).isFalse();
    assertThat(AuthorizeValidation.isAppUrl("")).isFalse();
  }

  @Test
  void theJourneyShowsAmountsByTheCurrencysExponent() {
    assertThat(PurchaseJourney.amount(5000, "JPY")).isEqualTo("¥5,000");
    assertThat(PurchaseJourney.amount(1234567, "USD")).isEqualTo("$12,345.67");
    assertThat(PurchaseJourney.amount(1234, "KWD")).isEqualTo("KWD 1.234");
  }

  @Test
  void theSameTokenUnderItsTwoNamesIsRefused() {
    String answer =
        refusal(
            "POST",
            headers(
                "Content-Type", "application/json",
                "Klarna-Network-Session-Token", "t",
                "Klarna-Interoperability-Token", "t"),
            true);
    assertThat(answer)
        .startsWith("400 VALIDATION_ERROR")
        .contains("\"parameter\":\"Klarna-Interoperability-Token\"");
    assertThat(
            refusal(
                "POST",
                headers("Content-Type", "application/json", "Klarna-Interoperability-Token", "t"),
                true))
        .isEqualTo("accepted");
  }

  @Test
  void integrationMetadataIsOneLineOfJsonNamingTheIntegrator() {
    String good = "{\"integrator\":{\"name\":\"stepup-gateway\",\"module_version\":\"1\"}}";
    assertThat(refusal("GET", headers("Klarna-Integration-Metadata", good), false))
        .isEqualTo("accepted");
    for (String bad : new String[] {"stepup-gateway 1.0", "{\"integrator\":{}}", "[]", ""}) {
      assertThat(refusal("GET", headers("Klarna-Integration-Metadata", bad), false))
          .as(bad)
          .contains("\"parameter\":\"Klarna-Integration-Metadata\"");
    }
  }

  @Test
  void aDisputeAttachmentIsMultipartAndEveryOtherWriteIsJson() {
    String upload = "v4/payment/disputes/krn:dispute:1/attachments";
    assertThat(
            WireRules.check(
                "POST", upload, headers("Content-Type", "multipart/form-data; boundary=abc"), true))
        .isEmpty();
    assertThat(WireRules.check("POST", upload, headers("Content-Type", "application/json"), true))
        .get()
        .extracting(KlarnaError::code)
        .isEqualTo("INVALID_CONTENT_TYPE");
    assertThat(
            WireRules.check(
                "POST",
                "v4/payment/disputes/krn:dispute:1/represent",
                headers("Content-Type", "multipart/form-data; boundary=abc"),
                true))
        .get()
        .extracting(KlarnaError::code)
        .isEqualTo("INVALID_CONTENT_TYPE");
  }
}
