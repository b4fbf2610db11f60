package com.stepup.gateway.klarna.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaNotifications;
import com.stepup.gateway.platform.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What the client puts on the wire, call by call, against a recording fake of Klarna's API. */
class KlarnaWireTest {

  /** One call to the fake: the interface method and its arguments. */
  record Call(String method, List<Object> args) {}

  static final class Recorder {
    final List<Call> calls = new ArrayList<>();
    Function<Call, Object> answer = c -> Json.createObjectBuilder().build();

    KlarnaApi api() {
      return (KlarnaApi)
          Proxy.newProxyInstance(
              KlarnaApi.class.getClassLoader(),
              new Class<?>[] {KlarnaApi.class},
              (proxy, method, args) -> {
                Call call =
                    new Call(method.getName(), args == null ? List.of() : Arrays.asList(args));
                calls.add(call);
                return answer.apply(call);
              });
    }
  }

  static JsonObject json(String text) {
    try (var r = Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }

  static final JsonObject STEP_UP =
      json(
          "{\"payment_transaction_response\":{\"result\":\"STEP_UP_REQUIRED\"},"
              + "\"payment_request\":{\"payment_request_id\":\"krn:pr:1\",\"state\":\"SUBMITTED\"}}");

  static KlarnaPaymentsClient payments(Recorder r) {
    KlarnaPaymentsClient client = new KlarnaPaymentsClient();
    client.http = KlarnaHttp.over(r.api());
    return client;
  }

  static AuthorizeRequest withPartner(AuthorizeRequest.PartnerData partner) {
    return new AuthorizeRequest(
        "EUR",
        1000,
        "pay_1",
        null,
        partner,
        AuthorizeRequest.StepUp.handover(
            "pay_1", "https://gw.example/return/pay_1", null, null, "web"),
        false);
  }

  @Test
  void thePartnersTokenGoesOutUnderTheCurrentNameOnly() {
    Recorder r = new Recorder();
    r.answer = c -> STEP_UP;
    payments(r)
        .authorize(
            "acc",
            withPartner(new AuthorizeRequest.PartnerData("tok", "{\"a\":1}", false, false)),
            "key-1");
    Call call = r.calls.get(0);
    // authorize(account, idempotencyKey, networkSessionToken, paymentToken, interoperabilityToken,
    // body)
    assertThat(call.args().subList(0, 5)).containsExactly("acc", "key-1", "tok", null, null);
    JsonObject body = (JsonObject) call.args().get(5);
    assertThat(body.getString("klarna_network_data")).isEqualTo("{\"a\":1}");
    assertThat(body).doesNotContainKey("interoperability_data");
  }

  @Test
  void thePartnersTokenGoesOutUnderTheOlderNameWhenThePartnerUsedIt() {
    Recorder r = new Recorder();
    r.answer = c -> STEP_UP;
    payments(r)
        .authorize(
            "acc",
            withPartner(new AuthorizeRequest.PartnerData("tok", "{\"a\":1}", true, true)),
            "key-1");
    Call call = r.calls.get(0);
    assertThat(call.args().subList(2, 5)).containsExactly(null, null, "tok");
    JsonObject body = (JsonObject) call.args().get(5);
    assertThat(body.getString("interoperability_data")).isEqualTo("{\"a\":1}");
    assertThat(body).doesNotContainKey("klarna_network_data");
  }

  @Test
  void noTokenMeansNoTokenHeader() {
    Recorder r = new Recorder();
    r.answer = c -> STEP_UP;
    payments(r).authorize("acc", withPartner(AuthorizeRequest.PartnerData.NONE), "key-1");
    assertThat(r.calls.get(0).args().subList(2, 5)).containsOnlyNulls();
  }

  static final JsonObject REFUNDED =
      json("{\"payment_refund_id\":\"krn:refund:1\",\"amount\":300}");

  @Test
  void aRefundOfACaptureAndARefundOfTheTransactionAreKlarnasTwoOperations() {
    Recorder r = new Recorder();
    r.answer = c -> REFUNDED;
    KlarnaPaymentsClient client = payments(r);
    client.refund("acc", "krn:tx:1", 300, "krn:capture:9", "damaged", null, "key-r1");
    var lines =
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("name", "Shoes")
                    .add("quantity", 1)
                    .add("unit_price", 300)
                    .add("total_amount", 300))
            .build();
    client.refund("acc", "krn:tx:1", 300, null, null, lines, "key-r2");

    Call ofCapture = r.calls.get(0);
    assertThat(ofCapture.method()).isEqualTo("refundCapture");
    assertThat(ofCapture.args().subList(0, 4))
        .containsExactly("acc", "krn:tx:1", "krn:capture:9", "key-r1");
    JsonObject body = (JsonObject) ofCapture.args().get(4);
    assertThat(body).doesNotContainKey("payment_capture_id");
    assertThat(body.getInt("amount")).isEqualTo(300);
    assertThat(body.getString("reason")).isEqualTo("damaged");

    Call ofTransaction = r.calls.get(1);
    assertThat(ofTransaction.method()).isEqualTo("refundTransaction");
    JsonObject tx = (JsonObject) ofTransaction.args().get(3);
    assertThat(tx.getJsonArray("line_items")).hasSize(1);
    assertThat(tx).doesNotContainKey("payment_capture_id");
  }

  @Test
  void everyNotificationsPostAndPatchCarriesAnIdempotencyKey() {
    Recorder r = new Recorder();
    r.answer =
        c ->
            switch (c.method()) {
              case "createSigningKey" ->
                  json("{\"signing_key_id\":\"k-2\",\"signing_key\":\"secret\"}");
              case "createWebhook" ->
                  throw KlarnaErrors.parse(
                      409,
                      "{\"error_code\":\"RESOURCE_CONFLICT\",\"error_message\":\"exists\"}",
                      null);
              case "webhooks" ->
                  json(
                      "{\"webhooks\":[{\"webhook_id\":\"wh-1\",\"url\":\"https://gw.example/w\","
                          + "\"signing_key_id\":\"k-1\"}]}");
              case "updateWebhook" ->
                  json(
                      "{\"webhook_id\":\"wh-1\",\"signing_key_id\":\"k-2\",\"status\":\"ENABLED\"}");
              default -> null;
            };
    KlarnaNotificationsClient client = new KlarnaNotificationsClient();
    client.http = KlarnaHttp.over(r.api());
    client.createSigningKey("reg-1");
    KlarnaNotifications.Subscription s =
        client.subscribe(
            "https://gw.example/w", List.of("payment.request.state-change.*"), "k-2", "reg-1");

    assertThat(s).isEqualTo(new KlarnaNotifications.Subscription("wh-1", "k-1"));
    Map<String, Object> keys = new java.util.LinkedHashMap<>();
    for (Call c : r.calls) {
      switch (c.method()) {
        case "createSigningKey", "createWebhook" -> keys.put(c.method(), c.args().get(0));
        case "updateWebhook" -> keys.put(c.method(), c.args().get(1));
        default -> {}
      }
    }
    assertThat(keys).containsOnlyKeys("createSigningKey", "createWebhook", "updateWebhook");
    assertThat(keys.values()).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(keys.get("createSigningKey")).isEqualTo("reg-1");
    assertThat(KlarnaNotificationsClient.stepKey("reg-1", "create webhook"))
        .as("a retry of the registration repeats the same keys")
        .isEqualTo(keys.get("createWebhook"));
  }

  @Test
  void aSigningKeyKlarnaNoLongerHasCountsAsDeleted() {
    Recorder r = new Recorder();
    r.answer =
        c -> {
          throw KlarnaErrors.parse(404, "{\"error_code\":\"RESOURCE_NOT_FOUND\"}", null);
        };
    KlarnaNotificationsClient client = new KlarnaNotificationsClient();
    client.http = KlarnaHttp.over(r.api());
    client.deleteSigningKey("k-gone");
    assertThat(r.calls).extracting(Call::method).containsExactly("deleteSigningKey");
    assertThat(r.calls.get(0).args()).containsExactly("k-gone");

    r.answer =
        c -> {
          throw KlarnaErrors.parse(403, "{\"error_code\":\"OPERATION_FORBIDDEN\"}", null);
        };
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.deleteSigningKey("k-1"))
        .isInstanceOf(KlarnaException.class);
  }

  @Test
  void theIntegrationMetadataIsOneLineOfJsonNamingTheIntegrator() {
    String header = KlarnaIntegrationMetadata.header("1.2.3");
    assertThat(header).doesNotContain("\n").doesNotContain("\r");
    JsonObject integrator = json(header).getJsonObject("integrator");
    assertThat(integrator.getString("name")).isEqualTo("stepup-gateway");
    assertThat(integrator.getString("module_name")).isEqualTo("klarna-client");
    assertThat(integrator.getString("module_version")).isEqualTo("1.2.3");
    assertThat(
            json(KlarnaIntegrationMetadata.header(null))
                .getJsonObject("integrator")
                .getString("module_version"))
        .isEqualTo("unknown");
    assertThat(KlarnaIntegrationMetadata.builtVersion())
        .as("Maven wrote the version in")
        .isNotEqualTo("unknown")
        .doesNotStartWith("${");
  }
}
