package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.glassfish.jersey.client.ClientProperties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Klarna sandbox WAR on Payara Micro, over real HTTP, as the gateway and developers use it. */
@ExtendWith(ArquillianExtension.class)
class KlarnaSandboxIT {

  static final String KEY = "Basic it-sandbox-key";

  /** The sandbox runs beside every IT deployment (see arquillian.xml); this one is the gateway. */
  @Deployment(testable = false)
  static WebArchive deployment() {
    return GatewayDeployment.war();
  }

  @ArquillianResource URL gateway;

  URL base;

  @BeforeEach
  void sandboxBase() throws Exception {
    base = new URL(gateway, "/klarna-sandbox/");
  }

  static Client http;
  static HttpServer receiver;
  static final List<Received> received = new CopyOnWriteArrayList<>();

  record Received(String signature, String keyId, String body) {}

  @BeforeAll
  static void start() throws Exception {
    http = ClientBuilder.newBuilder().property(ClientProperties.FOLLOW_REDIRECTS, false).build();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("Klarna-Signature"),
                  exchange.getRequestHeaders().getFirst("Klarna-Signing-Key-Id"),
                  body));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.createContext(
        "/shop",
        exchange -> {
          byte[] page =
              "<!DOCTYPE html><title>Shop</title><h1>Back in the shop</h1>"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    receiver.start();
  }

  @AfterAll
  static void stop() {
    http.close();
    receiver.stop(0);
  }

  private Invocation.Builder call(String path) {
    return http.target(base.toString().replaceAll("/$", "") + path)
        .request()
        .header("Authorization", KEY);
  }

  private static String account() {
    return "krn:partner:global:account:test:" + UUID.randomUUID();
  }

  private static JsonObject payment(long amount, JsonObject stepUp) {
    var body =
        Json.createObjectBuilder()
            .add("currency", "USD")
            .add(
                "request_payment_transaction",
                Json.createObjectBuilder()
                    .add("amount", amount)
                    .add("payment_transaction_reference", "tx-" + UUID.randomUUID()));
    if (stepUp != null) {
      body.add("step_up_config", stepUp);
    }
    return body.build();
  }

  private static JsonObject handover() {
    return Json.createObjectBuilder()
        .add("payment_request_reference", "pr-" + UUID.randomUUID())
        .add(
            "customer_interaction_config",
            Json.createObjectBuilder()
                .add("method", "HANDOVER")
                .add("return_url", "https://shop.example/return?prid={klarna.payment_request.id}"))
        .build();
  }

  private JsonObject authorize(String account, JsonObject body) {
    try (Response r =
        call("/v2/accounts/" + account + "/payment/authorize").post(Entity.json(body.toString()))) {
      assertThat(r.getStatus()).as(r.toString()).isEqualTo(200);
      return r.readEntity(JsonObject.class);
    }
  }

  @Test
  void outcomesAreChosenByTheDocumentedRules() {
    String account = account();
    try (Response r =
        http.target(base.toString() + "v2/accounts/" + account + "/payment/authorize")
            .request()
            .header("Authorization", "Basic wrong")
            .post(Entity.json(payment(100, null).toString()))) {
      assertThat(r.getStatus()).isEqualTo(401);
      assertThat(r.readEntity(JsonObject.class).getString("error_code")).isEqualTo("UNAUTHORIZED");
    }
    try (Response r =
        call("/v2/accounts/" + account + "/payment/authorize")
            .post(Entity.json("{\"currency\":\"usd\"}"))) {
      assertThat(r.getStatus()).isEqualTo(400);
      JsonObject error = r.readEntity(JsonObject.class);
      assertThat(error.getString("error_type")).isEqualTo("INPUT_ERROR");
      assertThat(error.getJsonArray("validation_errors").toString())
          .contains("currency")
          .contains("request_payment_transaction");
    }
    assertThat(result(authorize(account, payment(11801, handover())))).isEqualTo("DECLINED");
    assertThat(result(authorize(account, payment(11802, handover())))).isEqualTo("APPROVED");
    assertThat(result(authorize(account, payment(11800, null)))).isEqualTo("APPROVED");
    JsonObject stepUp = authorize(account, payment(11800, handover()));
    assertThat(result(stepUp)).isEqualTo("STEP_UP_REQUIRED");
    assertThat(
            stepUp
                .getJsonObject("payment_request")
                .getJsonObject("state_context")
                .getJsonObject("customer_interaction")
                .getString("payment_request_url"))
        .contains("/pay/requests/");
    try (Response r =
        call("/v2/accounts/" + account + "/payment/authorize")
            .header("Sandbox-Outcome", "DECLINED")
            .post(Entity.json(payment(11800, handover()).toString()))) {
      assertThat(result(r.readEntity(JsonObject.class))).isEqualTo("DECLINED");
    }
  }

  @Test
  void inStoreQrFlowSignsWebhooksAndFinalizesOnce() throws Exception {
    String account = account();
    JsonObject key = subscribe(account);
    try (Response r =
        call("/v2/accounts/" + account + "/stores")
            .post(
                Entity.json(
                    "{\"type\":\"PHYSICAL_STORE\",\"store_reference\":\"store-001\",\"address\":"
                        + "{\"street_address\":\"800 N. High St\",\"city\":\"Columbus\","
                        + "\"postal_code\":\"43215\",\"country\":\"US\"}}"))) {
      assertThat(r.getStatus()).isEqualTo(201);
      assertThat(r.readEntity(JsonObject.class).getString("store_id"))
          .startsWith("krn:partner:global:account:store:");
    }
    JsonObject qr =
        Json.createObjectBuilder()
            .add(
                "customer_interaction_config",
                Json.createObjectBuilder()
                    .add("method", "QR_CODE")
                    .add(
                        "point_of_checkout",
                        Json.createObjectBuilder().add("store_reference", "store-001"))
                    .add(
                        "point_of_transaction",
                        Json.createObjectBuilder()
                            .add("type", "TERMINAL")
                            .add("terminal_reference", "till-7")))
            .build();
    JsonObject request = authorize(account, payment(11800, qr)).getJsonObject("payment_request");
    String id = request.getString("payment_request_id");
    JsonObject code =
        request
            .getJsonObject("state_context")
            .getJsonObject("customer_interaction")
            .getJsonObject("qr_code");
    byte[] png;
    try (Response r = http.target(code.getString("image_url")).request().get()) {
      assertThat(r.getMediaType().toString()).isEqualTo("image/png");
      png = r.readEntity(byte[].class);
    }
    var image = ImageIO.read(new ByteArrayInputStream(png));
    String decoded = decodeQr(image);
    assertThat(decoded).isEqualTo(code.getString("target_url"));

    call("/sandbox/payment-requests/" + id + "/open").post(Entity.json("")).close();
    JsonObject completed;
    try (Response r = call("/sandbox/payment-requests/" + id + "/complete").post(Entity.json(""))) {
      completed = r.readEntity(JsonObject.class);
    }
    assertThat(completed.getString("state")).isEqualTo("COMPLETED");

    Received event = awaitEvent("payment.request.state-change.completed", id);
    assertThat(event.keyId()).isEqualTo(key.getString("signing_key_id"));
    assertThat(event.signature())
        .as("HMAC-SHA256 of the raw body, lower-case hex, computed here independently")
        .isEqualTo(hmacHex(key.getString("signing_key"), event.body()));
    JsonObject payload =
        Json.createReader(new StringReader(event.body())).readObject().getJsonObject("payload");
    String token = payload.getString("klarna_network_session_token");
    assertThat(payload.getString("payment_token")).isNotBlank();
    assertThat(payload.getString("state")).isEqualTo("COMPLETED");

    JsonObject first = finalAuthorize(account, "Klarna-Network-Session-Token", token, 11800);
    assertThat(result(first)).isEqualTo("APPROVED");
    JsonObject again =
        finalAuthorize(account, "Klarna-Payment-Token", payload.getString("payment_token"), 11800);
    assertThat(transactionId(again))
        .as("the same token gives the same result, under either header")
        .isEqualTo(transactionId(first));
  }

  @Test
  void tokensLastSixtyMinutesAndRequestsThreeHours() {
    String account = account();
    String id =
        authorize(account, payment(5000, handover()))
            .getJsonObject("payment_request")
            .getString("payment_request_id");
    JsonObject completed;
    try (Response r = call("/sandbox/payment-requests/" + id + "/complete").post(Entity.json(""))) {
      completed = r.readEntity(JsonObject.class);
    }
    String token;
    try (Response r = call("/v2/accounts/" + account + "/payment/requests/" + id).get()) {
      token =
          r.readEntity(JsonObject.class)
              .getJsonObject("state_context")
              .getString("klarna_network_session_token");
    }
    assertThat(completed.getString("state")).isEqualTo("COMPLETED");
    call("/sandbox/clock/advance").post(Entity.json("{\"seconds\": 3660}")).close();
    try (Response r = finalAuthorizeCall(account, "Klarna-Network-Session-Token", token, 5000)) {
      assertThat(r.getStatus()).isEqualTo(400);
      assertThat(r.readEntity(String.class)).contains("expired");
    }

    String open =
        authorize(account, payment(5000, handover()))
            .getJsonObject("payment_request")
            .getString("payment_request_id");
    call("/sandbox/clock/advance").post(Entity.json("{\"seconds\": 10801}")).close();
    try (Response r = call("/v2/accounts/" + account + "/payment/requests/" + open).get()) {
      assertThat(r.readEntity(JsonObject.class).getString("state")).isEqualTo("EXPIRED");
    }
    try (Response r = call("/sandbox/payment-requests/" + open + "/open").post(Entity.json(""))) {
      assertThat(r.getStatus()).as("an expired request cannot be opened").isEqualTo(409);
    }

    // requests that are over are forgotten 48 h after their last change; one that only
    // expires during the jump (it was open until now) is kept
    String waiting =
        authorize(account, payment(5000, handover()))
            .getJsonObject("payment_request")
            .getString("payment_request_id");
    call("/sandbox/clock/advance").post(Entity.json("{\"seconds\": 172801}")).close();
    for (String over : List.of(id, open)) {
      try (Response r = call("/v2/accounts/" + account + "/payment/requests/" + over).get()) {
        assertThat(r.getStatus()).as("forgotten: " + over).isEqualTo(404);
      }
    }
    try (Response r = call("/v2/accounts/" + account + "/payment/requests/" + waiting).get()) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.readEntity(JsonObject.class).getString("state")).isEqualTo("EXPIRED");
    }
  }

  @Test
  void faultsFireAndIdempotencyReplaysTheCommittedResult() {
    String account = account();
    call("/sandbox/faults")
        .post(
            Entity.json(
                "{\"operation\":\"authorize\",\"fault\":\"HTTP_500_AFTER_COMMIT\",\"times\":1}"))
        .close();
    String body = payment(7700, handover()).toString();
    String idempotencyKey = UUID.randomUUID().toString();
    try (Response r =
        call("/v2/accounts/" + account + "/payment/authorize")
            .header("Klarna-Idempotency-Key", idempotencyKey)
            .post(Entity.json(body))) {
      assertThat(r.getStatus()).isEqualTo(500);
      assertThat(r.readEntity(JsonObject.class).getString("error_type"))
          .isEqualTo("TECHNICAL_ERROR");
    }
    JsonObject replay;
    try (Response r =
        call("/v2/accounts/" + account + "/payment/authorize")
            .header("Klarna-Idempotency-Key", idempotencyKey)
            .post(Entity.json(body))) {
      assertThat(r.getStatus()).isEqualTo(200);
      replay = r.readEntity(JsonObject.class);
    }
    assertThat(result(replay)).isEqualTo("STEP_UP_REQUIRED");

    call("/sandbox/faults")
        .post(Entity.json("{\"operation\":\"authorize\",\"fault\":\"RATE_LIMIT\",\"times\":1}"))
        .close();
    try (Response r =
        call("/v2/accounts/" + account + "/payment/authorize").post(Entity.json(body))) {
      assertThat(r.getStatus()).isEqualTo(429);
    }
    try (Response r = call("/sandbox/faults").get()) {
      assertThat(r.readEntity(JsonObject.class).getJsonArray("faults")).isEmpty();
    }
  }

  @Test
  void webhookFaultsDuplicateSignBadlyAndRetryOnTheClock() throws Exception {
    String account = account();
    JsonObject key = subscribe(account);
    call("/sandbox/faults")
        .post(Entity.json("{\"operation\":\"webhook\",\"fault\":\"DUPLICATE\",\"times\":1}"))
        .close();
    String id =
        authorize(account, payment(4200, handover()))
            .getJsonObject("payment_request")
            .getString("payment_request_id");
    Received submitted = awaitEvent("payment.request.state-change.submitted", id);
    String eventId = eventId(submitted);
    for (int i = 0;
        i < 50 && received.stream().filter(r -> r.body().contains(eventId)).count() < 2;
        i++) {
      Thread.sleep(100);
    }
    assertThat(received.stream().filter(r -> r.body().contains(eventId)))
        .as("the same event_id delivered twice")
        .hasSize(2);

    call("/sandbox/faults")
        .post(Entity.json("{\"operation\":\"webhook\",\"fault\":\"BAD_SIGNATURE\",\"times\":1}"))
        .close();
    call("/sandbox/payment-requests/" + id + "/open").post(Entity.json("")).close();
    Received inProgress = awaitEvent("payment.request.state-change.in-progress", id);
    assertThat(inProgress.signature())
        .isNotEqualTo(hmacHex(key.getString("signing_key"), inProgress.body()));

    call("/sandbox/faults")
        .post(Entity.json("{\"operation\":\"webhook\",\"fault\":\"FAIL_DELIVERY\",\"times\":1}"))
        .close();
    call("/sandbox/payment-requests/" + id + "/complete").post(Entity.json("")).close();
    Thread.sleep(1000);
    assertThat(
            received.stream()
                .filter(r -> r.body().contains("state-change.completed") && r.body().contains(id)))
        .as("the first attempt failed, the retry is due 10 s later (sandbox time)")
        .isEmpty();
    try (Response r = call("/sandbox/webhook-deliveries").get()) {
      assertThat(r.readEntity(String.class)).contains("FAILED (fault FAIL_DELIVERY)");
    }
    call("/sandbox/clock/advance").post(Entity.json("{\"seconds\": 11}")).close();
    Received completed = awaitEvent("payment.request.state-change.completed", id);
    assertThat(completed.signature())
        .isEqualTo(hmacHex(key.getString("signing_key"), completed.body()));
  }

  @Test
  void storesAndPaymentRequestsAreReadUpdatedAndCanceled() throws Exception {
    String account = account();
    String stores = "/v2/accounts/" + account + "/stores";
    try (Response r =
        call(stores).post(Entity.json("{\"type\":\"WEBSITE\",\"store_reference\":\"web-1\"}"))) {
      assertThat(r.getStatus()).isEqualTo(400);
      assertThat(r.readEntity(JsonObject.class).getJsonArray("validation_errors").toString())
          .contains("url");
    }
    String web =
        "{\"type\":\"WEBSITE\",\"store_reference\":\"web-1\",\"url\":\"https://shop.example\"}";
    String storeId;
    try (Response r = call(stores).post(Entity.json(web))) {
      assertThat(r.getStatus()).isEqualTo(201);
      storeId = r.readEntity(JsonObject.class).getString("store_id");
    }
    try (Response r = call(stores).post(Entity.json(web))) {
      assertThat(r.getStatus()).as("store_reference is unique").isEqualTo(409);
    }
    JsonHttp.Answer patched =
        patch(stores + "/" + storeId, "{\"url\":\"https://shop.example/new\",\"type\":\"X\"}");
    assertThat(patched.status()).isEqualTo(200);
    JsonObject store = patched.json();
    assertThat(store.getString("url")).isEqualTo("https://shop.example/new");
    assertThat(store.getString("type")).as("the type cannot change").isEqualTo("WEBSITE");
    assertThat(patch(stores + "/" + storeId, "{\"url\":\"not a url\"}").status()).isEqualTo(400);
    try (Response r = call(stores).get()) {
      assertThat(r.readEntity(String.class)).contains(storeId).contains("shop.example/new");
    }

    String id =
        authorize(account, payment(3300, handover()))
            .getJsonObject("payment_request")
            .getString("payment_request_id");
    String path = "/v2/accounts/" + account + "/payment/requests/" + id;
    JsonHttp.Answer renamed = patch(path, "{\"payment_request_reference\":\"renamed\"}");
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().getString("payment_request_reference")).isEqualTo("renamed");
    try (Response r = call(path).delete()) {
      assertThat(r.getStatus()).isEqualTo(200);
      JsonObject canceled = r.readEntity(JsonObject.class);
      assertThat(canceled.getString("state")).isEqualTo("CANCELED");
      assertThat(canceled.getString("state_reason")).isNotBlank();
    }
    assertThat(patch(path, "{\"payment_request_reference\":\"late\"}").status())
        .as("only a SUBMITTED request can be updated")
        .isEqualTo(409);
    try (Response r = call("/v2/accounts/" + account() + "/payment/requests/" + id).get()) {
      assertThat(r.getStatus()).as("another account does not see it").isEqualTo(404);
    }
    try (Response r =
        http.target(base.toString().replaceAll("/$", "") + path)
            .request()
            .header("Authorization", "Basic it-other-key")
            .get()) {
      assertThat(r.getStatus())
          .as("every configured key is the acquirer's: a rotated key keeps the account")
          .isEqualTo(200);
      assertThat(r.readEntity(JsonObject.class).getString("state")).isEqualTo("CANCELED");
    }
    try (Response r =
        http.target(base.toString().replaceAll("/$", "") + "/v2/accounts/" + account + "/stores")
            .request()
            .header("Authorization", "Basic it-other-key")
            .post(
                Entity.json(
                    "{\"type\":\"WEBSITE\",\"store_reference\":\"web-2\","
                        + "\"url\":\"https://shop.example\"}"))) {
      assertThat(r.getStatus()).as("the second key writes too").isEqualTo(201);
    }
  }

  @Test
  void aWebhookMovesOnlyToASigningKeyOfItsOwner() {
    String account = account();
    JsonObject first = subscribe(account);
    JsonObject second;
    try (Response r =
        call("/v2/notification/signing-keys")
            .header("Klarna-Partner-Account", account)
            .post(Entity.json("{}"))) {
      second = r.readEntity(JsonObject.class);
    }
    String webhookId;
    try (Response r =
        call("/v2/notification/webhooks").header("Klarna-Partner-Account", account).get()) {
      webhookId =
          r.readEntity(JsonObject.class)
              .getJsonArray("webhooks")
              .getJsonObject(0)
              .getString("webhook_id");
    }
    var owner = Map.of("Klarna-Partner-Account", account);
    String path = "/klarna-sandbox/v2/notification/webhooks/" + webhookId;
    JsonHttp.Answer moved =
        sandbox()
            .send(
                "PATCH",
                path,
                "{\"signing_key_id\":\"" + second.getString("signing_key_id") + "\"}",
                owner);
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().getString("signing_key_id"))
        .as("Klarna does what the PATCH says")
        .isEqualTo(second.getString("signing_key_id"))
        .isNotEqualTo(first.getString("signing_key_id"));
    assertThat(
            sandbox().send("PATCH", path, "{\"signing_key_id\":\"krn:made-up\"}", owner).status())
        .isEqualTo(400);
    assertThat(sandbox().send("PATCH", path, "{\"status\":\"MAYBE\"}", owner).status())
        .isEqualTo(400);
  }

  /** The status and the parameter of the first validation error Klarna would answer. */
  private static String refusal(Response r) {
    JsonObject error = r.readEntity(JsonObject.class);
    var invalid = error.getJsonArray("validation_errors");
    return r.getStatus()
        + " "
        + error.getString("error_code")
        + (invalid == null || invalid.isEmpty()
            ? ""
            : " " + invalid.getJsonObject(0).getString("parameter"));
  }

  @Test
  void refundsAreKlarnasTwoOperationsAndEveryCaptureAndRefundIsAnEvent() throws Exception {
    String account = account();
    JsonObject key = subscribe(account, "payment.transaction.*");
    JsonObject approved = authorize(account, payment(5002, null));
    String tx =
        approved
            .getJsonObject("payment_transaction_response")
            .getJsonObject("payment_transaction")
            .getString("payment_transaction_id");
    String at = "/v2/accounts/" + account + "/payment/transactions/" + tx;
    String capture;
    try (Response r = call(at + "/captures").post(Entity.json("{\"amount\":3000}"))) {
      assertThat(r.getStatus()).isEqualTo(201);
      capture = r.readEntity(JsonObject.class).getString("payment_capture_id");
    }
    // the merged body of old is refused: a refund of a capture is its own operation
    try (Response r =
        call(at + "/refunds")
            .post(Entity.json("{\"amount\":100,\"payment_capture_id\":\"" + capture + "\"}"))) {
      assertThat(refusal(r)).isEqualTo("400 VALIDATION_ERROR payment_capture_id");
    }
    try (Response r =
        call(at + "/captures/" + capture + "/refunds").post(Entity.json("{\"amount\":3001}"))) {
      assertThat(refusal(r)).as("more than that capture").isEqualTo("400 VALIDATION_ERROR amount");
    }
    try (Response r =
        call(at + "/captures/" + capture + "/refunds").post(Entity.json("{\"amount\":1000}"))) {
      assertThat(r.getStatus()).isEqualTo(201);
      assertThat(r.readEntity(JsonObject.class).getString("payment_capture_id")).isEqualTo(capture);
    }
    try (Response r = call(at + "/refunds").post(Entity.json("{\"amount\":500}"))) {
      assertThat(r.getStatus()).isEqualTo(201);
    }
    try (Response r = call(at + "/captures/krn:nope/refunds").post(Entity.json("{\"amount\":1}"))) {
      assertThat(r.getStatus()).isEqualTo(404);
    }

    Received captured = awaitEvent("payment.transaction.captured", capture);
    assertThat(captured.keyId()).isEqualTo(key.getString("signing_key_id"));
    assertThat(captured.signature())
        .isEqualTo(hmacHex(key.getString("signing_key"), captured.body()));
    Received refunded = awaitEvent("payment.transaction.refunded", capture);
    JsonObject payload =
        Json.createReader(new StringReader(refunded.body())).readObject().getJsonObject("payload");
    assertThat(payload.getString("payment_transaction_id")).isEqualTo(tx);
    assertThat(payload.getInt("amount")).isEqualTo(1000);
    assertThat(payload.getJsonObject("payment_transaction").getJsonArray("payment_refunds"))
        .hasSizeGreaterThanOrEqualTo(1);

    // an account holds ten signing keys; a deleted one makes room
    String keys = "/v2/notification/signing-keys";
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      try (Response r =
          call(keys).header("Klarna-Partner-Account", account).post(Entity.json("{}"))) {
        assertThat(r.getStatus()).isEqualTo(201);
        made.add(r.readEntity(JsonObject.class).getString("signing_key_id"));
      }
    }
    try (Response r =
        call(keys).header("Klarna-Partner-Account", account).post(Entity.json("{}"))) {
      assertThat(r.getStatus()).as("the eleventh").isEqualTo(409);
    }
    try (Response r =
        call(keys + "/" + made.get(0)).header("Klarna-Partner-Account", account).delete()) {
      assertThat(r.getStatus()).isEqualTo(204);
    }
    // and a repeat of a POST with its idempotency key is the first answer, not another key
    String idem = UUID.randomUUID().toString();
    String first;
    try (Response r =
        call(keys)
            .header("Klarna-Partner-Account", account)
            .header("Klarna-Idempotency-Key", idem)
            .post(Entity.json("{}"))) {
      assertThat(r.getStatus()).isEqualTo(201);
      first = r.readEntity(JsonObject.class).getString("signing_key_id");
    }
    try (Response r =
        call(keys)
            .header("Klarna-Partner-Account", account)
            .header("Klarna-Idempotency-Key", idem)
            .post(Entity.json("{}"))) {
      assertThat(r.getStatus()).as("the repeat, though the account is full").isEqualTo(201);
      assertThat(r.readEntity(JsonObject.class).getString("signing_key_id")).isEqualTo(first);
    }
  }

  @Test
  void tokenHeadersAreEitherAbsentOrCarryAToken() {
    String account = account();
    String authorize = "/v2/accounts/" + account + "/payment/authorize";
    for (String header :
        List.of(
            "Klarna-Payment-Token",
            "Klarna-Network-Session-Token",
            "Klarna-Interoperability-Token")) {
      try (Response r =
          call(authorize)
              .header(header, "")
              .post(Entity.json(payment(1000, handover()).toString()))) {
        assertThat(refusal(r)).as(header).isEqualTo("400 VALIDATION_ERROR " + header);
      }
    }
    // Klarna-Payment-Token is only ever Klarna's own final token: unknown is refused, never
    // read as an initial call, with or without a step-up offered
    for (JsonObject body : List.of(payment(1000, handover()), payment(1000, null))) {
      try (Response r =
          call(authorize)
              .header("Klarna-Payment-Token", "krn:payment:eu1:payment-token:made-up")
              .post(Entity.json(body.toString()))) {
        assertThat(refusal(r)).isEqualTo("400 VALIDATION_ERROR Klarna-Payment-Token");
      }
    }
    // a Partner's own session token on the initial call is fine
    try (Response r =
        call(authorize)
            .header("Klarna-Network-Session-Token", "partner-sdk-token")
            .post(Entity.json(payment(1000, handover()).toString()))) {
      assertThat(r.getStatus()).isEqualTo(200);
    }
    // but not the same token under its two names, nor its data under both of theirs
    try (Response r =
        call(authorize)
            .header("Klarna-Network-Session-Token", "partner-sdk-token")
            .header("Klarna-Interoperability-Token", "partner-sdk-token")
            .post(Entity.json(payment(1000, handover()).toString()))) {
      assertThat(refusal(r)).isEqualTo("400 VALIDATION_ERROR Klarna-Interoperability-Token");
    }
    JsonObject twice =
        Json.createObjectBuilder(payment(1000, handover()))
            .add("klarna_network_data", "{}")
            .add("interoperability_data", "{}")
            .build();
    try (Response r = call(authorize).post(Entity.json(twice.toString()))) {
      assertThat(refusal(r)).isEqualTo("400 VALIDATION_ERROR interoperability_data");
    }
    try (Response r =
        call(authorize)
            .header("Klarna-Idempotency-Key", "")
            .post(Entity.json(payment(1000, handover()).toString()))) {
      assertThat(refusal(r)).isEqualTo("400 VALIDATION_ERROR Klarna-Idempotency-Key");
    }
    try (Response r = call(authorize).post(Entity.text(payment(1000, handover()).toString()))) {
      assertThat(refusal(r)).isEqualTo("400 INVALID_CONTENT_TYPE");
    }
    String lines =
        "{\"currency\":\"USD\",\"request_payment_transaction\":{\"amount\":1000,"
            + "\"payment_transaction_reference\":\"t\"},\"supplementary_purchase_data\":"
            + "{\"line_items\":[{\"name\":\"a\",\"quantity\":2,\"unit_price\":400,"
            + "\"total_amount\":1000}]}}";
    try (Response r = call(authorize).post(Entity.json(lines))) {
      assertThat(refusal(r))
          .isEqualTo("400 VALIDATION_ERROR supplementary_purchase_data.line_items[0].total_amount");
    }
    // what arrived is there to see, as it arrived
    try (Response r =
        call("/sandbox/requests?path=" + URLEncoder.encode(account, StandardCharsets.UTF_8))
            .get()) {
      String log = r.readEntity(String.class);
      assertThat(log.toLowerCase(Locale.ROOT))
          .contains("\"klarna-payment-token\":[\"\"]")
          .contains("\"status\":400")
          .doesNotContain("it-sandbox-key");
    }
  }

  @Test
  void timeoutsDelaysAndConcurrentCallsLeaveOneCommittedResult() throws Exception {
    String account = account();
    String authorizePath = "/v2/accounts/" + account + "/payment/authorize";
    String body = payment(6600, handover()).toString();

    fault("authorize", "TIMEOUT", 3000);
    String key = UUID.randomUUID().toString();
    Client impatient = ClientBuilder.newBuilder().readTimeout(1, TimeUnit.SECONDS).build();
    try {
      assertThatThrownBy(
              () ->
                  impatient
                      .target(base.toString().replaceAll("/$", "") + authorizePath)
                      .request()
                      .header("Authorization", KEY)
                      .header("Klarna-Idempotency-Key", key)
                      .post(Entity.json(body))
                      .close())
          .isInstanceOf(ProcessingException.class);
    } finally {
      impatient.close();
    }
    try (Response r =
        call(authorizePath).header("Klarna-Idempotency-Key", key).post(Entity.json(body))) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getHeaderString("Klarna-Idempotent-Replay"))
          .as("the timed-out call had committed; its result is replayed")
          .isEqualTo("true");
      assertThat(result(r.readEntity(JsonObject.class))).isEqualTo("STEP_UP_REQUIRED");
    }

    fault("authorize", "HTTP_500", 0);
    String fresh = UUID.randomUUID().toString();
    try (Response r =
        call(authorizePath).header("Klarna-Idempotency-Key", fresh).post(Entity.json(body))) {
      assertThat(r.getStatus()).isEqualTo(500);
    }
    try (Response r =
        call(authorizePath).header("Klarna-Idempotency-Key", fresh).post(Entity.json(body))) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getHeaderString("Klarna-Idempotent-Replay"))
          .as("a 500 before commit keeps nothing, so the retry runs")
          .isNull();
    }

    fault("authorize", "DELAY", 2000);
    String slow = UUID.randomUUID().toString();
    CompletableFuture<Response> first =
        CompletableFuture.supplyAsync(
            () ->
                call(authorizePath).header("Klarna-Idempotency-Key", slow).post(Entity.json(body)));
    Thread.sleep(700);
    try (Response r =
        call(authorizePath).header("Klarna-Idempotency-Key", slow).post(Entity.json(body))) {
      assertThat(r.getStatus()).as("the same key while the first call runs").isEqualTo(409);
    }
    try (Response r = first.get(10, TimeUnit.SECONDS)) {
      assertThat(r.getStatus()).isEqualTo(200);
    }

    String id =
        authorize(account, payment(6600, handover()))
            .getJsonObject("payment_request")
            .getString("payment_request_id");
    call("/sandbox/payment-requests/" + id + "/complete").post(Entity.json("")).close();
    String token;
    try (Response r = call("/v2/accounts/" + account + "/payment/requests/" + id).get()) {
      token =
          r.readEntity(JsonObject.class)
              .getJsonObject("state_context")
              .getString("klarna_network_session_token");
    }
    fault("final_authorize", "DELAY", 2000);
    CompletableFuture<Response> finalizing =
        CompletableFuture.supplyAsync(
            () -> finalAuthorizeCall(account, "Klarna-Network-Session-Token", token, 6600));
    Thread.sleep(700);
    try (Response r = finalAuthorizeCall(account, "Klarna-Network-Session-Token", token, 6600)) {
      assertThat(r.getStatus()).as("a concurrent duplicate final authorization").isEqualTo(409);
    }
    try (Response r = finalizing.get(10, TimeUnit.SECONDS)) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(result(r.readEntity(JsonObject.class))).isEqualTo("APPROVED");
    }
  }

  @Test
  void webhooksAreReorderedAndDelayedOnRequest() throws Exception {
    String account = account();
    subscribe(account);
    fault("webhook", "REORDER", 0);
    String id =
        authorize(account, payment(4300, handover()))
            .getJsonObject("payment_request")
            .getString("payment_request_id");
    Thread.sleep(600);
    assertThat(received).noneMatch(r -> r.body().contains(id));
    call("/sandbox/payment-requests/" + id + "/open").post(Entity.json("")).close();
    Received submitted = awaitEvent("payment.request.state-change.submitted", id);
    Received inProgress = awaitEvent("payment.request.state-change.in-progress", id);
    assertThat(received.indexOf(inProgress))
        .as("submitted is held back until in-progress has gone")
        .isLessThan(received.indexOf(submitted));

    fault("webhook", "DELAY", 60_000);
    call("/sandbox/payment-requests/" + id + "/complete").post(Entity.json("")).close();
    Thread.sleep(1000);
    assertThat(received)
        .noneMatch(r -> r.body().contains(id) && r.body().contains("state-change.completed"));
    call("/sandbox/clock/advance").post(Entity.json("{\"seconds\": 61}")).close();
    awaitEvent("payment.request.state-change.completed", id);
  }

  @Test
  void aShopperApprovesInThePurchaseJourneyAndLandsOnTheReturnUrl() throws Exception {
    String account = account();
    String shop = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/shop/return";
    JsonObject stepUp =
        Json.createObjectBuilder()
            .add("payment_request_reference", "journey-1")
            .add(
                "customer_interaction_config",
                Json.createObjectBuilder()
                    .add("method", "HANDOVER")
                    .add(
                        "return_url",
                        shop
                            + "?prid={klarna.payment_request.id}"
                            + "&state={klarna.payment_request.state}"
                            + "&ref={klarna.payment_request.payment_request_reference}"))
            .build();
    JsonObject request = authorize(account, payment(2599, stepUp)).getJsonObject("payment_request");
    String id = request.getString("payment_request_id");
    String journey =
        request
            .getJsonObject("state_context")
            .getJsonObject("customer_interaction")
            .getString("payment_request_url");

    WebDriver browser = Browsers.headlessChromium();
    try {
      browser.get(journey);
      assertThat(browser.findElement(By.id("amount")).getText()).isEqualTo("$25.99");
      browser.findElement(By.id("continue")).click();
      browser.findElement(By.cssSelector("input[value=PAY_IN_4]")).click();
      browser.findElement(By.id("approve")).click();
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(ExpectedConditions.urlContains("/shop/return"));
      assertThat(browser.getCurrentUrl())
          .isEqualTo(
              shop
                  + "?prid="
                  + URLEncoder.encode(id, StandardCharsets.UTF_8)
                  + "&state=COMPLETED&ref=journey-1");
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Back in the shop");
    } finally {
      browser.quit();
    }
    try (Response r = call("/v2/accounts/" + account + "/payment/requests/" + id).get()) {
      JsonObject read = r.readEntity(JsonObject.class);
      assertThat(read.getString("state")).isEqualTo("COMPLETED");
      assertThat(read.getJsonObject("state_context").getString("klarna_network_session_token"))
          .isNotBlank();
    }
  }

  private void fault(String operation, String kind, long delayMs) {
    sandbox().sandboxFault(operation, kind, delayMs);
  }

  /** The sandbox through the JDK client, which (unlike Jersey's default connector) can PATCH. */
  private JsonHttp sandbox() {
    return new JsonHttp(gateway, KEY);
  }

  private JsonHttp.Answer patch(String path, String json) {
    return sandbox().patch("/klarna-sandbox" + path, json);
  }

  /** A signing key and a webhook for payment.request.* to the test's receiver. */
  private JsonObject subscribe(String account) {
    return subscribe(account, "payment.request.*");
  }

  /** A signing key and a webhook for {@code events} to the test's receiver. */
  private JsonObject subscribe(String account, String events) {
    JsonObject key;
    try (Response r =
        call("/v2/notification/signing-keys")
            .header("Klarna-Partner-Account", account)
            .post(Entity.json("{}"))) {
      assertThat(r.getStatus()).isEqualTo(201);
      key = r.readEntity(JsonObject.class);
    }
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    try (Response r =
        call("/v2/notification/webhooks")
            .header("Klarna-Partner-Account", account)
            .post(
                Entity.json(
                    Json.createObjectBuilder()
                        .add("url", hook)
                        .add("event_types", Json.createArrayBuilder().add(events))
                        .add("event_version", "v2")
                        .add("signing_key_id", key.getString("signing_key_id"))
                        .add("status", "ENABLED")
                        .build()
                        .toString()))) {
      assertThat(r.getStatus()).isEqualTo(201);
    }
    return key;
  }

  private static String eventId(Received r) {
    return Json.createReader(new StringReader(r.body()))
        .readObject()
        .getJsonObject("metadata")
        .getString("event_id");
  }

  private Received awaitEvent(String type, String requestId) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      for (Received r : received) {
        if (r.body().contains("\"" + type + "\"") && r.body().contains(requestId)) {
          return r;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + type + " event for " + requestId + " in " + received);
  }

  private Response finalAuthorizeCall(String account, String header, String token, long amount) {
    return call("/v2/accounts/" + account + "/payment/authorize")
        .header(header, token)
        .post(Entity.json(payment(amount, null).toString()));
  }

  private JsonObject finalAuthorize(String account, String header, String token, long amount) {
    try (Response r = finalAuthorizeCall(account, header, token, amount)) {
      assertThat(r.getStatus()).isEqualTo(200);
      return r.readEntity(JsonObject.class);
    }
  }

  private static String result(JsonObject response) {
    return response.getJsonObject("payment_transaction_response").getString("result");
  }

  private static String transactionId(JsonObject response) {
    return response
        .getJsonObject("payment_transaction_response")
        .getJsonObject("payment_transaction")
        .getString("payment_transaction_id");
  }

  private static String hmacHex(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The QR code's text. The image is a generated, clean code: read as a pure barcode first; the
   * finder-pattern search alone once missed one (NotFoundException), so it is the fallback, trying
   * harder.
   */
  static String decodeQr(BufferedImage image) throws Exception {
    var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    try {
      return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
    } catch (NotFoundException e) {
      return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true)).getText();
    }
  }
}
