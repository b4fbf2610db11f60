package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Step-up payments end to end: the real WAR on Payara Micro against the Klarna sandbox beside it,
 * over real HTTP. The shopper's part is played through the sandbox's controls; the gateway learns
 * of it by reading the Payment Request (its janitor runs every second here) or on the return.
 */
@ExtendWith(ArquillianExtension.class)
class PaymentsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return GatewayDeployment.war();
  }

  @ArquillianResource URL base;

  @AfterEach
  void clearFaults() {
    sandbox().delete("/klarna-sandbox/sandbox/faults");
  }

  /** A merchant with an onboarded physical store (till-7) and a web shop. */
  record Shop(JsonHttp api, String account, String authorization) {}

  Shop shop() {
    String account = "krn:partner:global:account:test:" + UUID.randomUUID();
    JsonHttp.Answer created =
        admin()
            .post(
                "/api/v1/admin/merchants",
                "{\"name\":\"Shoe Shop\",\"klarna_partner_account_id\":\"" + account + "\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String authorization = "Bearer " + created.json().getString("api_key");
    JsonHttp api = new JsonHttp(base, authorization);
    JsonHttp.Answer store =
        api.post(
            "/api/v1/stores",
            "{\"type\":\"PHYSICAL_STORE\",\"store_reference\":\"store-001\",\"name\":\"Main St\","
                + "\"address\":{\"street_address\":\"800 N. High St\",\"postal_code\":\"43215\","
                + "\"city\":\"Columbus\",\"region\":\"OH\",\"country\":\"US\"}}");
    assertThat(store.status()).as(store.toString()).isEqualTo(201);
    String storeId = store.json().getString("id");
    JsonHttp.Answer till =
        api.post(
            "/api/v1/stores/" + storeId + "/terminals",
            "{\"terminal_reference\":\"till-7\",\"name\":\"Till 7\",\"has_display\":true}");
    assertThat(till.status()).as(till.toString()).isEqualTo(201);
    JsonHttp.Answer web =
        api.post(
            "/api/v1/stores",
            "{\"type\":\"WEBSITE\",\"store_reference\":\"web-001\",\"name\":\"Shop\","
                + "\"url\":\"https://shoes.example\"}");
    assertThat(web.status()).as(web.toString()).isEqualTo(201);
    return new Shop(api, account, authorization);
  }

  static String inStore(long amount, String reference) {
    return "{\"amount\":"
        + amount
        + ",\"currency\":\"USD\",\"reference\":\""
        + reference
        + "\",\"store_reference\":\"store-001\",\"terminal_reference\":\"till-7\","
        + "\"line_items\":[{\"name\":\"Shoes\",\"quantity\":1,\"unit_price\":"
        + amount
        + ",\"total_amount\":"
        + amount
        + "}]}";
  }

  static String online(long amount, String reference) {
    return "{\"amount\":"
        + amount
        + ",\"currency\":\"USD\",\"reference\":\""
        + reference
        + "\",\"store_reference\":\"web-001\",\"return_url\":\"https://shop.example/done\","
        + "\"app_return_url\":\"shopapp://klarna\",\"klarna_network_session_token\":\"sdk-token-1\"}";
  }

  @Test
  void anInStoreQrPaymentIsAuthorizedAfterTheShopperApprovesAndTheStreamFollowsIt()
      throws Exception {
    Shop shop = shop();
    JsonHttp.Answer created = shop.api().post("/api/v1/payments", inStore(11800, "order-qr"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonObject payment = created.json();
    String id = payment.getString("id");
    assertThat(id).startsWith("pay_");
    assertThat(created.header("Location")).endsWith("/api/v1/payments/" + id);
    assertThat(payment.getString("status")).isEqualTo("pending");
    assertThat(payment.getString("terminal_reference")).isEqualTo("till-7");
    JsonObject klarna = payment.getJsonObject("klarna");
    assertThat(klarna.getString("state")).isEqualTo("SUBMITTED");
    assertThat(klarna.getString("payment_request_id")).startsWith("krn:payment:eu1:request:");
    assertThat(klarna.getJsonObject("qr_code").getString("image_url")).endsWith("qr.png");
    assertThat(klarna.getJsonObject("qr_code").getString("target_url")).contains("/start");
    assertThat(klarna.isNull("payment_transaction_id")).isTrue();
    assertThat(payment.getString("redirect_url")).endsWith("/pay/" + id);

    // the partner follows the payment as server-sent events
    CompletableFuture<List<String>> events = events(shop, id);

    String pr = klarna.getString("payment_request_id");
    assertThat(sandboxAction(pr, "open").getString("state")).isEqualTo("IN_PROGRESS");
    assertThat(sandboxAction(pr, "complete").getString("state")).isEqualTo("COMPLETED");

    JsonObject done = awaitStatus(shop, id, "authorized");
    assertThat(done.getJsonObject("klarna").getString("payment_transaction_id"))
        .startsWith("krn:payment:eu1:transaction:");
    assertThat(done.getJsonObject("klarna").getString("state")).isEqualTo("COMPLETED");

    List<String> data = events.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(data).as("one event per change, closing after the final status").isNotEmpty();
    assertThat(data.get(0)).contains("\"status\":\"pending\"");
    assertThat(data.get(data.size() - 1)).contains("\"status\":\"authorized\"");

    String timeline = shop.api().get("/api/v1/payments/" + id + "/timeline").body();
    assertThat(timeline)
        .contains("Klarna authorize: STEP_UP_REQUIRED", "Klarna final authorize: APPROVED")
        .doesNotContain("krn:payment:eu1:klarna-network-session-token")
        .doesNotContain("krn:payment:eu1:payment-token");
  }

  @Test
  void anOnlinePaymentGoesThroughTheJourneyAndTheReturnRedirect() {
    Shop shop = shop();
    JsonObject payment = shop.api().post("/api/v1/payments", online(5000, "order-web")).json();
    String id = payment.getString("id");
    String journey = payment.getJsonObject("klarna").getString("payment_request_url");
    assertThat(journey).contains("/pay/requests/");

    JsonHttp.Answer pay = shop.api().get("/pay/" + id);
    assertThat(pay.status()).isEqualTo(303);
    assertThat(pay.header("Location")).isEqualTo(journey);
    assertThat(shop.api().get(URI.create(journey).getPath()).status())
        .as("the sandbox's Purchase Journey page")
        .isEqualTo(200);

    sandboxAction(payment.getJsonObject("klarna").getString("payment_request_id"), "complete");
    // Klarna sends the shopper to the gateway's return_url, which finalizes and sends them on
    JsonHttp.Answer back = shop.api().as(null).get("/return/" + id);
    assertThat(back.status()).isEqualTo(303);
    assertThat(back.header("Location"))
        .startsWith("https://shop.example/done?")
        .contains("payment_id=" + id, "status=authorized");
    assertThat(shop.api().get("/api/v1/payments/" + id).json().getString("status"))
        .isEqualTo("authorized");
  }

  @Test
  void klarnaAnswersApprovedOrDeclinedAtOnceAndTheShopperCanDeclineOrLetItExpire() {
    Shop shop = shop();
    JsonObject approved = shop.api().post("/api/v1/payments", inStore(11802, "a")).json();
    assertThat(approved.getString("status")).isEqualTo("authorized");
    assertThat(approved.getJsonObject("klarna").getString("payment_transaction_id"))
        .startsWith("krn:payment:eu1:transaction:");
    JsonObject declined = shop.api().post("/api/v1/payments", online(11801, "d")).json();
    assertThat(declined.getString("status")).isEqualTo("declined");

    JsonObject byShopper = shop.api().post("/api/v1/payments", online(3000, "s")).json();
    String pr = byShopper.getJsonObject("klarna").getString("payment_request_id");
    sandboxAction(pr, "open");
    sandboxAction(pr, "decline");
    assertThat(
            awaitStatus(shop, byShopper.getString("id"), "declined")
                .getJsonObject("klarna")
                .getString("state"))
        .isEqualTo("DECLINED");

    JsonObject lapsed = shop.api().post("/api/v1/payments", online(3100, "e")).json();
    sandboxAction(lapsed.getJsonObject("klarna").getString("payment_request_id"), "expire");
    awaitStatus(shop, lapsed.getString("id"), "expired");

    JsonObject list = shop.api().get("/api/v1/payments?status=declined").json();
    assertThat(list.getInt("total")).isEqualTo(2);
    assertThat(shop.api().get("/api/v1/payments?reference=e").json().getInt("total")).isEqualTo(1);
    assertThat(shop.api().get("/api/v1/payments?status=nope").status()).isEqualTo(400);
  }

  @Test
  void thePartnerCancelsAndANewSaleOnTheTillSupersedesTheOldOne() {
    Shop shop = shop();
    JsonObject first = shop.api().post("/api/v1/payments", inStore(2000, "c1")).json();
    JsonHttp.Answer canceled =
        shop.api().post("/api/v1/payments/" + first.getString("id") + "/cancel", "");
    assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
    assertThat(canceled.json().getString("status")).isEqualTo("canceled");
    assertThat(canceled.json().getJsonObject("klarna").getString("state")).isEqualTo("CANCELED");
    assertThat(
            shop.api().post("/api/v1/payments/" + first.getString("id") + "/cancel", "").status())
        .as("only a pending payment can be canceled")
        .isEqualTo(409);

    JsonObject abandoned = shop.api().post("/api/v1/payments", inStore(2100, "c2")).json();
    JsonObject next = shop.api().post("/api/v1/payments", inStore(2200, "c3")).json();
    assertThat(next.getString("status")).isEqualTo("pending");
    JsonObject old = shop.api().get("/api/v1/payments/" + abandoned.getString("id")).json();
    assertThat(old.getString("status")).isEqualTo("canceled");
    String oldPr = old.getJsonObject("klarna").getString("payment_request_id");
    assertThat(
            sandbox()
                .get("/klarna-sandbox/v2/accounts/" + shop.account() + "/payment/requests/" + oldPr)
                .json()
                .getString("state"))
        .as("Klarna canceled it too, so the shopper cannot approve the abandoned sale")
        .isEqualTo("CANCELED");
  }

  @Test
  void aTokenThatExpiresBeforeTheFinalAuthorizationEndsInFailed() {
    Shop shop = shop();
    JsonObject payment = shop.api().post("/api/v1/payments", online(4000, "late")).json();
    String pr = payment.getJsonObject("klarna").getString("payment_request_id");
    sandbox()
        .post(
            "/klarna-sandbox/sandbox/faults",
            "{\"operation\":\"read\",\"fault\":\"HTTP_500\",\"times\":1000}");
    sandboxAction(pr, "complete");
    sandbox().post("/klarna-sandbox/sandbox/clock/advance", "{\"seconds\":3660}");
    sandbox().delete("/klarna-sandbox/sandbox/faults");
    JsonObject failed = awaitStatus(shop, payment.getString("id"), "failed");
    assertThat(failed.getString("failure_reason")).contains("expired");
  }

  @Test
  void klarnaErrorsAfterCommitAndTimeOutsAreRetriedWithTheSameKey() {
    Shop shop = shop();
    sandbox().sandboxFault("authorize", "HTTP_500_AFTER_COMMIT", 0);
    JsonHttp.Answer afterCommit = shop.api().post("/api/v1/payments", inStore(5002, "r1"));
    assertThat(afterCommit.status()).as(afterCommit.toString()).isEqualTo(201);
    assertThat(afterCommit.json().getString("status")).isEqualTo("authorized");

    sandbox().sandboxFault("authorize", "TIMEOUT", 3500);
    JsonHttp.Answer timedOut = shop.api().post("/api/v1/payments", inStore(5100, "r2"));
    assertThat(timedOut.status()).as(timedOut.toString()).isEqualTo(201);
    String id = timedOut.json().getString("id");
    assertThat(timedOut.json().getString("status")).isEqualTo("pending");
    String timeline = shop.api().get("/api/v1/payments/" + id + "/timeline").body();
    assertThat(timeline).containsOnlyOnce("Klarna authorize: STEP_UP_REQUIRED");

    // Klarna down for good: 503 with the payment kept, and resumed by the same Idempotency-Key
    for (int i = 0; i < 3; i++) {
      sandbox().sandboxFault("authorize", "HTTP_500", 0);
    }
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    JsonHttp.Answer down = shop.api().send("POST", "/api/v1/payments", inStore(5202, "r3"), key);
    assertThat(down.status()).as(down.toString()).isEqualTo(503);
    assertThat(down.type()).startsWith("application/problem+json");
    String kept = down.json().getString("payment_id");
    JsonHttp.Answer resumed = shop.api().send("POST", "/api/v1/payments", inStore(5202, "r3"), key);
    assertThat(resumed.status()).as(resumed.toString()).isEqualTo(201);
    assertThat(resumed.json().getString("id")).isEqualTo(kept);
    assertThat(resumed.json().getString("status")).isEqualTo("authorized");
  }

  @Test
  void theSameIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
    Shop shop = shop();
    Map<String, String> key = Map.of("Idempotency-Key", "order-42-attempt-1");
    JsonHttp.Answer first = shop.api().send("POST", "/api/v1/payments", inStore(6000, "o42"), key);
    JsonHttp.Answer again = shop.api().send("POST", "/api/v1/payments", inStore(6000, "o42"), key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    JsonHttp.Answer other = shop.api().send("POST", "/api/v1/payments", inStore(6001, "o42"), key);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.type()).startsWith("application/problem+json");
    assertThat(shop.api().get("/api/v1/payments?reference=o42").json().getInt("total"))
        .isEqualTo(1);
    JsonHttp.Answer bad =
        shop.api().post("/api/v1/payments", "{\"amount\":-1,\"currency\":\"usd\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body())
        .contains("\"amount\"", "\"currency\"", "\"reference\"", "\"store_reference\"");
  }

  @Test
  void tenConcurrentCompletionSignalsMakeOneFinalAuthorization() throws Exception {
    Shop shop = shop();
    JsonObject payment = shop.api().post("/api/v1/payments", online(7000, "race")).json();
    String id = payment.getString("id");
    // slow Klarna's final authorize so that the signals overlap it
    sandbox().sandboxFault("final_authorize", "DELAY", 1500);
    sandboxAction(payment.getJsonObject("klarna").getString("payment_request_id"), "complete");
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<JsonHttp.Answer>> returns = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        returns.add(pool.submit(() -> shop.api().as(null).get("/return/" + id)));
      }
      for (Future<JsonHttp.Answer> r : returns) {
        JsonHttp.Answer answer = r.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).contains("status=authorized");
      }
    } finally {
      pool.shutdownNow();
    }
    JsonObject timeline = shop.api().get("/api/v1/payments/" + id + "/timeline").json();
    long finals =
        timeline.getJsonArray("items").getValuesAs(JsonObject.class).stream()
            .filter(e -> e.getString("summary").startsWith("Klarna final authorize"))
            .count();
    assertThat(finals).as("one final authorization call in all").isEqualTo(1);
  }

  @Test
  void anotherMerchantsPaymentIsNotFound() {
    Shop mine = shop();
    Shop theirs = shop();
    String id = mine.api().post("/api/v1/payments", inStore(8000, "mine")).json().getString("id");
    JsonHttp.Answer peek = theirs.api().get("/api/v1/payments/" + id);
    assertThat(peek.status()).isEqualTo(404);
    assertThat(peek.body()).doesNotContain("mine");
    assertThat(theirs.api().post("/api/v1/payments/" + id + "/cancel", "").status()).isEqualTo(404);
    assertThat(theirs.api().get("/api/v1/payments/" + id + "/events").status()).isEqualTo(404);
    assertThat(theirs.api().get("/api/v1/payments").json().getInt("total")).isZero();
    assertThat(mine.api().as("Bearer sk_unknown").get("/api/v1/payments").status()).isEqualTo(401);
  }

  private JsonObject awaitStatus(Shop shop, String id, String status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = shop.api().get("/api/v1/payments/" + id).json();
      if (last.getString("status").equals(status)) {
        return last;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("payment " + id + " never became " + status + ": " + last);
  }

  private CompletableFuture<List<String>> events(Shop shop, String id) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(base.toString()).resolve("/api/v1/payments/" + id + "/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", shop.authorization())
            .build();
    return HttpClient.newHttpClient()
        .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .thenApply(
            r -> r.body().filter(line -> line.startsWith("data:")).collect(Collectors.toList()));
  }

  private JsonObject sandboxAction(String paymentRequestId, String action) {
    JsonHttp.Answer r =
        sandbox()
            .post(
                "/klarna-sandbox/sandbox/payment-requests/" + paymentRequestId + "/" + action, "");
    assertThat(r.status()).as(action + ": " + r).isEqualTo(200);
    return r.json();
  }

  private JsonHttp admin() {
    return new JsonHttp(
        base, JsonHttp.basic(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD));
  }

  private JsonHttp sandbox() {
    return new JsonHttp(base, "Basic it-sandbox-key");
  }
}
