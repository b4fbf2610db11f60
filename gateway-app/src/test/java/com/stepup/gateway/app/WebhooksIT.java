package com.stepup.gateway.app;

import static com.stepup.gateway.app.ItGateway.admin;
import static com.stepup.gateway.app.ItGateway.awaitStatus;
import static com.stepup.gateway.app.ItGateway.awaitSummary;
import static com.stepup.gateway.app.ItGateway.sandbox;
import static com.stepup.gateway.app.ItGateway.sandboxAction;
import static com.stepup.gateway.app.ItGateway.summaries;
import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.bench.PaymentBodies;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.data.Offset;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks both ways on the real WAR: Klarna's signed events in (signed here with the configured
 * keys, and by the sandbox once the gateway has registered its webhook there), and signed
 * notifications out to a partner's receiver running in this test. Klarna reads are failed on
 * purpose where the test must show that the webhook, not the janitor, moved the payment. The
 * sandbox's webhook is registered by the last tests only, so the earlier ones control every event.
 */
@OnEveryDatabase
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksIT {

  static final String OLD_KEY = "it-key-old";
  static final String OLD_SECRET = "old-secret";
  static final String NEW_KEY = "it-key-new";
  static final String NEW_SECRET = "new-secret==";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return GatewayDeployment.war();
  }

  @ArquillianResource URL base;

  @AfterEach
  void clearFaults() {
    sandbox(base).delete("/klarna-sandbox/sandbox/faults");
  }

  @Test
  @Order(1)
  void signaturesAreCheckedOverTheExactBytesWithEitherConfiguredKey() {
    JsonObject before = admin(base).get("/api/v1/admin/webhooks/klarna").json();
    String body = envelope(UUID.randomUUID().toString(), "IN_PROGRESS", "krn:x", Instant.now());

    JsonHttp.Answer old = klarna(body, OLD_KEY, sign(OLD_SECRET, body));
    assertThat(old.status()).as(old.toString()).isEqualTo(200);
    assertThat(old.json().getString("status")).isEqualTo("accepted");
    String other = envelope(UUID.randomUUID().toString(), "IN_PROGRESS", "krn:x", Instant.now());
    assertThat(klarna(other, NEW_KEY, sign(NEW_SECRET, other)).status())
        .as("the rotated-in key works beside the old one")
        .isEqualTo(200);

    String fresh = envelope(UUID.randomUUID().toString(), "IN_PROGRESS", "krn:x", Instant.now());
    JsonHttp.Answer unknownKey = klarna(fresh, "it-key-gone", sign(OLD_SECRET, fresh));
    assertThat(unknownKey.status()).isEqualTo(400);
    assertThat(unknownKey.type()).startsWith("application/problem+json");
    assertThat(klarna(fresh, OLD_KEY, sign("wrong", fresh)).status()).isEqualTo(400);
    assertThat(klarna(fresh.replace("IN_PROGRESS", "COMPLETED"), OLD_KEY, sign(OLD_SECRET, fresh)))
        .as("a tampered body")
        .extracting(JsonHttp.Answer::status)
        .isEqualTo(400);
    assertThat(klarna(fresh, OLD_KEY, null).status()).as("no signature").isEqualTo(400);
    assertThat(klarna("not json", OLD_KEY, sign(OLD_SECRET, "not json")).status()).isEqualTo(400);
    String huge = "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
    JsonHttp.Answer tooLarge = klarna(huge, OLD_KEY, sign(OLD_SECRET, huge));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.body()).doesNotContain("Exception");
    String unknownType =
        envelope(UUID.randomUUID().toString(), "IN_PROGRESS", "krn:x", Instant.now())
            .replace("payment.request.state-change.in-progress", "payment.unknown-thing.x");
    JsonHttp.Answer ignored = klarna(unknownType, OLD_KEY, sign(OLD_SECRET, unknownType));
    assertThat(ignored.status()).isEqualTo(200);
    assertThat(ignored.json().getString("status")).isEqualTo("ignored");

    JsonObject after = admin(base).get("/api/v1/admin/webhooks/klarna").json();
    assertThat(after.getInt("received") - before.getInt("received"))
        .as("only the two good events were stored")
        .isEqualTo(2);
    assertThat(after.getInt("rejected") - before.getInt("rejected")).isEqualTo(5);
    assertThat(after.getInt("rejected_signatures") - before.getInt("rejected_signatures"))
        .as("unknown key, wrong key, tampered body, no signature")
        .isEqualTo(4);
  }

  @Test
  @Order(2)
  void theSameEventTenTimesHasOneEffectAndALateInProgressChangesNothing() throws Exception {
    Shop shop = shop(null);
    JsonObject payment = shop.api().post("/api/v1/payments", online(7300, "dup")).json();
    String id = payment.getString("id");
    String pr = payment.getJsonObject("klarna").getString("payment_request_id");
    blockKlarnaReads(); // only the webhooks below can tell the gateway anything
    sandboxAction(base, pr, "open");
    JsonObject completed = sandboxAction(base, pr, "complete");

    String event = envelope(UUID.randomUUID().toString(), completed);
    String signature = sign(NEW_SECRET, event);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<Future<JsonHttp.Answer>> sends = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        sends.add(pool.submit(() -> klarna(event, NEW_KEY, signature)));
      }
      List<String> answers = new ArrayList<>();
      for (Future<JsonHttp.Answer> f : sends) {
        JsonHttp.Answer a = f.get(30, TimeUnit.SECONDS);
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        answers.add(a.json().getString("status"));
      }
      assertThat(answers).containsOnlyOnce("accepted").filteredOn("duplicate"::equals).hasSize(9);
    } finally {
      pool.shutdownNow();
    }
    // Klarna's earlier in-progress event arrives after the completed one
    Instant earlier = Instant.parse(completed.getString("updated_at")).minusSeconds(5);
    String late = envelope(UUID.randomUUID().toString(), "IN_PROGRESS", pr, earlier);
    assertThat(klarna(late, OLD_KEY, sign(OLD_SECRET, late)).status()).isEqualTo(200);

    awaitStatus(shop.api(), id, "authorized");
    Thread.sleep(2500); // the inbox sweep and the janitor have had their turns
    JsonObject now = shop.api().get("/api/v1/payments/" + id).json();
    assertThat(now.getString("status")).isEqualTo("authorized");
    assertThat(now.getJsonObject("klarna").getString("state")).isEqualTo("COMPLETED");
    List<String> summaries = summaries(shop.api(), id);
    assertThat(summaries)
        .filteredOn(s -> s.startsWith("Klarna final authorize"))
        .containsExactly("Klarna final authorize: APPROVED");
    assertThat(summaries)
        .contains("Klarna request COMPLETED from webhook")
        .anyMatch(s -> s.startsWith("Klarna request IN_PROGRESS from webhook: ignored"));
  }

  @Test
  @Order(3)
  void thePartnerGetsASignedNotificationAfterTwoFailuresAndBothSecretsSignDuringARotation()
      throws Exception {
    try (Receiver receiver = new Receiver(base, 2)) {
      Shop shop = shop(receiver.url());
      // an amount ending in 02: Klarna approves at once, so the outcome is final in the answer
      String id = shop.api().post("/api/v1/payments", online(4402, "n1")).json().getString("id");
      Received third = receiver.next();
      assertThat(receiver.calls.get()).as("two failures, then the delivery").isEqualTo(3);
      verify(third, List.of(shop.webhookSecret()));
      JsonObject body = Json.createReader(new StringReader(third.body())).readObject();
      assertThat(body.getString("type")).isEqualTo("payment.authorized");
      assertThat(body.getJsonObject("data").getString("id")).isEqualTo(id);
      assertThat(body.getJsonObject("data").getString("status")).isEqualTo("authorized");

      JsonObject list = shop.api().get("/api/v1/notifications?payment_id=" + id).json();
      assertThat(list.getInt("total")).isEqualTo(1);
      String notificationId = list.getJsonArray("items").getJsonObject(0).getString("id");
      assertThat(notificationId).isEqualTo(third.id());
      JsonObject detail = awaitNotification(shop, notificationId, "delivered");
      assertThat(detail.getJsonArray("attempt_log").getValuesAs(JsonObject.class))
          .extracting(a -> a.getInt("http_status"))
          .containsExactly(500, 500, 204);

      // redelivery on request: the same message again
      assertThat(
              shop.api()
                  .post("/api/v1/notifications/" + notificationId + "/redeliver", "")
                  .status())
          .isEqualTo(202);
      Received again = receiver.next();
      assertThat(again.id()).isEqualTo(notificationId);
      assertThat(again.body()).isEqualTo(third.body());

      // issue 28: with an Idempotency-Key the retry replays the 202 and queues nothing more
      Map<String, String> key = Map.of("Idempotency-Key", "redeliver-" + UUID.randomUUID());
      String redeliver = "/api/v1/notifications/" + notificationId + "/redeliver";
      JsonHttp.Answer once = shop.api().send("POST", redeliver, null, key);
      JsonHttp.Answer twice = shop.api().send("POST", redeliver, null, key);
      assertThat(once.status()).as(once.toString()).isEqualTo(202);
      assertThat(twice.status()).as(twice.toString()).isEqualTo(202);
      assertThat(twice.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(receiver.next().id()).isEqualTo(notificationId);
      Thread.sleep(3000); // a second redelivery would have gone out by now
      assertThat(receiver.calls.get())
          .as("three first attempts, one redelivery, one keyed redelivery")
          .isEqualTo(5);

      // the merchant rotates its secret: old and new both sign until the grace period ends
      JsonHttp.Answer rotated =
          admin(base).post("/api/v1/admin/merchants/" + shop.merchantId() + "/webhook-secret", "");
      assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
      String newSecret = rotated.json().getString("webhook_secret");
      assertThat(newSecret).startsWith("whsec_").isNotEqualTo(shop.webhookSecret());
      shop.api().post("/api/v1/payments", online(4502, "n2"));
      Received signedTwice = receiver.next();
      assertThat(signedTwice.signature().split(" ")).hasSize(2);
      verify(signedTwice, List.of(newSecret));
      verify(signedTwice, List.of(shop.webhookSecret()));
    }
    // another merchant cannot see or redeliver them
    Shop other = shop(null);
    assertThat(other.api().get("/api/v1/notifications").json().getInt("total")).isZero();
  }

  /**
   * Issue 28, item 5: a partner sets its own notification URL and event types, tests it with a
   * signed ping and rotates its own secret, without a platform admin; unknown fields and types are
   * refused by name.
   */
  @Test
  @Order(3)
  void aPartnerSetsItsOwnEndpointTestsItAndRotatesItsOwnSecret() throws Exception {
    try (Receiver receiver = new Receiver(base, 0)) {
      Shop shop = shop(null);
      String endpoint = "/api/v1/webhook-endpoint";
      JsonObject none = shop.api().get(endpoint).json();
      assertThat(none.isNull("url")).isTrue();
      assertThat(none.getJsonArray("event_types")).isEmpty();
      assertThat(shop.api().post(endpoint + "/test", null).status())
          .as("no URL yet")
          .isEqualTo(409);
      String url = "\"url\":\"" + receiver.url() + "\"";
      JsonHttp.Answer typo = shop.api().send("PUT", endpoint, "{" + url + ",\"event_typs\":[]}");
      assertThat(typo.status()).as(typo.toString()).isEqualTo(400);
      assertThat(typo.body()).contains("event_typs");
      JsonHttp.Answer unknownType =
          shop.api().send("PUT", endpoint, "{" + url + ",\"event_types\":[\"payment.capture\"]}");
      assertThat(unknownType.status()).as(unknownType.toString()).isEqualTo(400);
      assertThat(unknownType.body()).contains("event_types[0]");
      assertThat(shop.api().send("PUT", endpoint, "{\"url\":\"ftp://x.example/\"}").status())
          .isEqualTo(400);

      JsonHttp.Answer disputesOnly =
          shop.api().send("PUT", endpoint, "{" + url + ",\"event_types\":[\"dispute.*\"]}");
      assertThat(disputesOnly.status()).as(disputesOnly.toString()).isEqualTo(200);
      assertThat(shop.api().get(endpoint).json().getString("url")).isEqualTo(receiver.url());
      JsonHttp.Answer test = shop.api().post(endpoint + "/test", null);
      assertThat(test.status()).as(test.toString()).isEqualTo(202);
      Received ping = receiver.next();
      verify(ping, List.of(shop.webhookSecret()));
      assertThat(ping.body()).contains("\"type\":\"ping\"");
      shop.api().post("/api/v1/payments", online(4602, "own-1"));
      assertThat(receiver.delivered.poll(4, TimeUnit.SECONDS))
          .as("payment events were not chosen")
          .isNull();

      assertThat(shop.api().send("PUT", endpoint, "{" + url + "}").status()).isEqualTo(200);
      shop.api().post("/api/v1/payments", online(4702, "own-2"));
      Received all = receiver.next();
      verify(all, List.of(shop.webhookSecret()));
      assertThat(all.body()).contains("\"type\":\"payment.authorized\"");

      JsonHttp.Answer rotated = shop.api().post(endpoint + "/rotate-secret", null);
      assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
      String newSecret = rotated.json().getString("webhook_secret");
      assertThat(newSecret).startsWith("whsec_").isNotEqualTo(shop.webhookSecret());
      shop.api().post("/api/v1/payments", online(4802, "own-3"));
      Received signed = receiver.next();
      verify(signed, List.of(newSecret));
      verify(signed, List.of(shop.webhookSecret()));

      assertThat(shop.api().send("PUT", endpoint, "{\"url\":null}").json().isNull("url")).isTrue();
    }
  }

  @Test
  @Order(4)
  void aThousandSignedWebhooksAreAllStoredAndActedOnOnce() throws Exception {
    Shop shop = shop(null);
    blockKlarnaReads();
    int payments = 100;
    int perPayment = 10;
    List<String> ids = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < payments; i++) {
      JsonObject p = shop.api().post("/api/v1/payments", online(8000 + i * 100, "load")).json();
      ids.add(p.getString("id"));
      String pr = p.getJsonObject("klarna").getString("payment_request_id");
      sandboxAction(base, pr, "open");
      JsonObject completed = sandboxAction(base, pr, "complete");
      Instant at = Instant.parse(completed.getString("updated_at"));
      for (int e = 0; e < perPayment; e++) {
        // half of them Klarna's completed state (each its own event), half an older in-progress
        bodies.add(
            e % 2 == 0
                ? envelope(UUID.randomUUID().toString(), completed)
                : envelope(UUID.randomUUID().toString(), "IN_PROGRESS", pr, at.minusSeconds(10)));
      }
    }
    Collections.shuffle(bodies, new Random(7));
    int before = admin(base).get("/api/v1/admin/webhooks/klarna").json().getInt("received");

    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger ok = new AtomicInteger();
    long started = System.nanoTime();
    try {
      List<Future<?>> sends = new ArrayList<>();
      for (String body : bodies) {
        String signature = sign(OLD_SECRET, body);
        sends.add(
            pool.submit(
                () -> {
                  if (klarna(body, OLD_KEY, signature).status() == 200) {
                    ok.incrementAndGet();
                  }
                }));
      }
      for (Future<?> f : sends) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "WEBHOOK LOAD: %d signed webhooks accepted in %.1f s (%.0f/s)%n",
        ok.get(), seconds, ok.get() / seconds);
    assertThat(ok.get()).isEqualTo(payments * perPayment);

    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonObject health = admin(base).get("/api/v1/admin/webhooks/klarna").json();
    while (health.getInt("waiting") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      health = admin(base).get("/api/v1/admin/webhooks/klarna").json();
    }
    System.out.printf(
        "WEBHOOK LOAD: all acted on after %.1f s%n", (System.nanoTime() - started) / 1e9);
    assertThat(health.getInt("received") - before).isEqualTo(payments * perPayment);
    assertThat(health.getInt("waiting")).isZero();
    assertThat(health.getInt("failed")).isZero();
    for (String id : ids) {
      assertThat(awaitStatus(shop.api(), id, "authorized").getString("status"))
          .isEqualTo("authorized");
      assertThat(summaries(shop.api(), id))
          .filteredOn(s -> s.startsWith("Klarna final authorize"))
          .as("one final authorization for " + id)
          .hasSize(1);
    }
  }

  @Test
  @Order(5)
  void theGatewayRegistersItsWebhookAndTheSandboxsEventsCompleteAPaymentEvenAfterAFailedDelivery()
      throws Exception {
    JsonHttp.Answer registered = admin(base).post("/api/v1/admin/webhooks/klarna/registration", "");
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    String webhookId = registered.json().getString("webhook_id");
    assertThat(webhookId).startsWith("krn:partner:global:notification:webhook:");
    assertThat(
            admin(base)
                .get("/api/v1/admin/webhooks/klarna")
                .json()
                .getString("registered_webhook_id"))
        .isEqualTo(webhookId);

    Shop shop = shop(null);
    blockKlarnaReads();
    JsonObject payment = shop.api().post("/api/v1/payments", online(6100, "sandbox")).json();
    String id = payment.getString("id");
    String pr = payment.getJsonObject("klarna").getString("payment_request_id");
    sandboxAction(base, pr, "open");
    awaitSummary(shop.api(), id, "Klarna request IN_PROGRESS from webhook");

    // Klarna's first delivery of the completed event fails; its retry comes 10 s later
    sandbox(base).sandboxFault("webhook", "FAIL_DELIVERY", 0);
    sandboxAction(base, pr, "complete");
    Thread.sleep(1000);
    assertThat(shop.api().get("/api/v1/payments/" + id).json().getString("status"))
        .isEqualTo("pending");
    sandbox(base).post("/klarna-sandbox/sandbox/clock/advance", "{\"seconds\":11}");
    awaitStatus(shop.api(), id, "authorized");
    assertThat(summaries(shop.api(), id)).contains("Klarna request COMPLETED from webhook");

    List<JsonObject> deliveries =
        sandbox(base)
            .get("/klarna-sandbox/sandbox/webhook-deliveries")
            .json()
            .getJsonArray("deliveries")
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(d -> d.getString("event_type").endsWith(".completed"))
            .toList();
    assertThat(deliveries)
        .extracting(d -> d.getString("status"))
        .containsExactly("FAILED (fault FAIL_DELIVERY)", "200");

    // a delivery the sandbox signs wrongly is refused with 400 and changes nothing
    sandbox(base).sandboxFault("webhook", "BAD_SIGNATURE", 0);
    JsonObject next = shop.api().post("/api/v1/payments", online(6200, "bad-sig")).json();
    awaitDelivery(next.getJsonObject("klarna").getString("payment_request_id"), "400");
  }

  // --- the fixtures

  /** A merchant (with its API and webhook secret) and a web shop. */
  record Shop(JsonHttp api, String merchantId, String webhookSecret) {}

  /** The one notification of a payment, once it has an attempt recorded. */
  private JsonObject firstAttempt(Shop shop, String paymentId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      var items =
          shop.api()
              .get("/api/v1/notifications?payment_id=" + paymentId)
              .json()
              .getJsonArray("items");
      if (!items.isEmpty()) {
        JsonObject detail =
            shop.api()
                .get("/api/v1/notifications/" + items.getJsonObject(0).getString("id"))
                .json();
        if (!detail.getJsonArray("attempt_log").isEmpty()) {
          return detail.getJsonArray("attempt_log").getJsonObject(0);
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no attempt for the notification of " + paymentId);
  }

  @Test
  @Order(5)
  void capturesAreToldToThePartnerAndAnAuthorizationThatExpiresUncapturedToo() throws Exception {
    try (Receiver receiver = new Receiver(base, 0)) {
      Shop shop = shop(receiver.url());
      JsonObject payment = shop.api().post("/api/v1/payments", online(5502, "expiring")).json();
      String id = payment.getString("id");
      String transaction = payment.getJsonObject("klarna").getString("payment_transaction_id");
      assertThat(type(receiver.next())).isEqualTo("payment.authorized");
      JsonHttp.Answer capture =
          shop.api().post("/api/v1/payments/" + id + "/captures", "{\"amount\":2000}");
      assertThat(capture.status()).as(capture.toString()).isEqualTo(201);
      Received captured = receiver.next();
      verify(captured, List.of(shop.webhookSecret()));
      JsonObject capturedBody = json(captured.body());
      assertThat(capturedBody.getString("type")).isEqualTo("payment.captured");
      assertThat(capturedBody.getJsonObject("data").getJsonObject("capture").getString("id"))
          .isEqualTo(capture.json().getString("id"));
      assertThat(capturedBody.getJsonObject("data").getJsonObject("amounts").getInt("capturable"))
          .isEqualTo(3502);

      // the authorization runs out at Klarna (sandbox control), and Klarna says so by webhook
      JsonObject expired =
          sandbox(base)
              .post("/klarna-sandbox/sandbox/payment-transactions/" + transaction + "/expire", "")
              .json();
      assertThat(expired.getString("state")).isEqualTo("EXPIRED");
      String event = transactionEnvelope(UUID.randomUUID().toString(), expired, "AUTHORIZED");
      assertThat(klarna(event, NEW_KEY, sign(NEW_SECRET, event)).json().getString("status"))
          .isEqualTo("accepted");
      assertThat(klarna(event, NEW_KEY, sign(NEW_SECRET, event)).json().getString("status"))
          .isEqualTo("duplicate");
      Received told = receiver.next();
      JsonObject body = json(told.body());
      assertThat(body.getString("type")).isEqualTo("payment.authorization_expired");
      assertThat(body.getJsonObject("data").getJsonObject("klarna").getString("transaction_state"))
          .isEqualTo("EXPIRED");
      assertThat(body.getJsonObject("data").getJsonObject("amounts").getInt("capturable")).isZero();

      // a late, reordered AUTHORIZED never moves it back; nothing more is captured
      JsonObject stale =
          Json.createObjectBuilder(expired)
              .add("state", "AUTHORIZED")
              .add("updated_at", Instant.now().minusSeconds(3600).toString())
              .build();
      String late = transactionEnvelope(UUID.randomUUID().toString(), stale, "NONE");
      assertThat(klarna(late, NEW_KEY, sign(NEW_SECRET, late)).status()).isEqualTo(200);
      Thread.sleep(500);
      JsonObject now = shop.api().get("/api/v1/payments/" + id).json();
      assertThat(now.getJsonObject("klarna").getString("transaction_state")).isEqualTo("EXPIRED");
      assertThat(shop.api().post("/api/v1/payments/" + id + "/captures", "").status())
          .isEqualTo(409);
      assertThat(receiver.delivered.poll(2, TimeUnit.SECONDS))
          .as("the expiry is told once")
          .isNull();
      assertThat(summaries(shop.api(), id))
          .contains("Klarna transaction EXPIRED from webhook")
          .anyMatch(s -> s.startsWith("The authorization expired with $35.02"));
    }
  }

  @Test
  @Order(5)
  void aQrPaymentThroughTheSandboxMovesTheMetrics() throws Exception {
    double created = metric("payments_created_total", "method=\"QR_CODE\"");
    double authorizes = metric("klarna_calls_total", "operation=\"authorize\"", "result=\"ok\"");
    double finals = metric("klarna_calls_total", "operation=\"final_authorize\"", "result=\"ok\"");
    double accepted = metric("klarna_webhooks_total", "result=\"accepted\"");
    double approvals = metric("payments_approval_to_authorized_seconds_count");
    double approvalSeconds = metric("payments_approval_to_authorized_seconds_sum");

    PaymentsIT.Shop shop = PaymentsIT.shop(base);
    JsonObject payment =
        shop.api().post("/api/v1/payments", PaymentsIT.inStore(5300, "metrics")).json();
    String pr = payment.getJsonObject("klarna").getString("payment_request_id");
    blockKlarnaReads(); // the webhook, not a read, brings the news
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (metric("payments_qr_open_terminal") < 1 && System.nanoTime() < until) {
      Thread.sleep(200); // the janitor counts the QR codes showing, terminal by terminal
    }
    assertThat(metric("payments_qr_open_terminal"))
        .as("the till's QR code is counted")
        .isGreaterThanOrEqualTo(1);
    sandboxAction(base, pr, "open");
    JsonObject completed = sandboxAction(base, pr, "complete");
    String event = envelope(UUID.randomUUID().toString(), completed);
    assertThat(klarna(event, NEW_KEY, sign(NEW_SECRET, event)).status()).isEqualTo(200);
    awaitStatus(shop.api(), payment.getString("id"), "authorized");

    assertThat(metric("payments_created_total", "method=\"QR_CODE\"")).isEqualTo(created + 1);
    assertThat(metric("klarna_calls_total", "operation=\"authorize\"", "result=\"ok\""))
        .isGreaterThanOrEqualTo(authorizes + 1);
    assertThat(metric("klarna_calls_total", "operation=\"final_authorize\"", "result=\"ok\""))
        .isEqualTo(finals + 1);
    assertThat(metric("klarna_webhooks_total", "result=\"accepted\""))
        .isGreaterThanOrEqualTo(accepted + 1);
    assertThat(metric("payments_approval_to_authorized_seconds_count")).isEqualTo(approvals + 1);
    assertThat(metric("payments_approval_to_authorized_seconds_sum") - approvalSeconds)
        .as("latencies are exported in seconds (Prometheus base unit), not ms or ns")
        .isGreaterThan(0)
        .isLessThan(20);
    double calls = metric("klarna_call_duration_seconds_count", "operation=\"authorize\"");
    assertThat(metric("klarna_call_duration_seconds_sum", "operation=\"authorize\"") / calls)
        .as("a loopback Klarna call takes well under 10 seconds, and more than none")
        .isGreaterThan(0)
        .isLessThan(10);
    assertThat(
            metric("klarna_call_duration_seconds_bucket", "operation=\"authorize\"", "le=\"+Inf\""))
        .isEqualTo(calls);
    String text = new JsonHttp(base, "Bearer " + METRICS_TOKEN).get("/metrics").body();
    assertThat(text)
        .contains(
            "klarna_call_duration_seconds",
            "klarna_webhooks_lag_seconds",
            "klarna_webhooks_waiting")
        .contains(
            "partner_notifications_backlog", "payments_janitor_runs_total", "payments_qr_open");
  }

  /** {@code gateway.metrics.token} in arquillian.xml: {@code /metrics} is served to its bearer. */
  static final String METRICS_TOKEN = "it-metrics-token";

  /** The sum of the samples of {@code name} whose labels contain each of {@code labels}. */
  double metric(String name, String... labels) {
    String text = new JsonHttp(base, "Bearer " + METRICS_TOKEN).get("/metrics").body();
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        boolean all = true;
        for (String l : labels) {
          all &= line.contains(l);
        }
        if (all) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }

  static String type(Received r) {
    return json(r.body()).getString("type");
  }

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  /** Klarna's envelope for a transaction's state change (KLARNA-API.md §10.4). */
  static String transactionEnvelope(String eventId, JsonObject transaction, String previous) {
    return envelope(
        eventId,
        "payment.transaction.state-change."
            + transaction.getString("state").toLowerCase(Locale.ROOT),
        Json.createObjectBuilder(transaction).add("previous_state", previous).build());
  }

  @Test
  @Order(5)
  void aLateApprovalAfterThePaymentEndedIsKeptAndReleasedAtKlarna() throws Exception {
    Shop shop = shop(null);
    JsonObject payment = shop.api().post("/api/v1/payments", online(7400, "late")).json();
    String id = payment.getString("id");
    String pr = payment.getJsonObject("klarna").getString("payment_request_id");
    blockKlarnaReads();
    // Klarna takes its time over the final authorization (2 s, within the client's time-out)
    sandbox(base)
        .post(
            "/klarna-sandbox/sandbox/faults",
            "{\"operation\":\"final_authorize\",\"fault\":\"DELAY\",\"times\":1,\"delay_ms\":2000}");
    sandboxAction(base, pr, "open");
    JsonObject completed = sandboxAction(base, pr, "complete");
    String event = envelope(UUID.randomUUID().toString(), completed);
    assertThat(klarna(event, NEW_KEY, sign(NEW_SECRET, event)).status()).isEqualTo(200);
    awaitSummary(shop.api(), id, "Final authorization started");
    // meanwhile Klarna reports the request expired: the payment ends before the answer is in
    String expired = envelope(UUID.randomUUID().toString(), "EXPIRED", pr, Instant.now());
    assertThat(klarna(expired, NEW_KEY, sign(NEW_SECRET, expired)).status()).isEqualTo(200);
    awaitStatus(shop.api(), id, "expired");
    awaitSummary(shop.api(), id, "Late approval");
    awaitSummary(shop.api(), id, "Late transaction released at Klarna: CLOSED");
    assertThat(shop.api().get("/api/v1/payments/" + id).json().getString("status"))
        .as("the partner's answer stands")
        .isEqualTo("expired");
    String voids = sandbox(base).get("/klarna-sandbox/sandbox/requests?path=/void").body();
    assertThat(voids).contains("\"status\":200");
  }

  @Test
  @Order(5)
  void aFinalAuthorizationNeverAnsweredIsAskedAgainAfterThePaymentEnded() throws Exception {
    Shop shop = shop(null);
    JsonObject payment = shop.api().post("/api/v1/payments", online(7500, "unheard")).json();
    String id = payment.getString("id");
    String pr = payment.getJsonObject("klarna").getString("payment_request_id");
    blockKlarnaReads();
    // Klarna makes the transaction but answers after the client's 3 s: the outcome is unknown
    sandbox(base)
        .post(
            "/klarna-sandbox/sandbox/faults",
            "{\"operation\":\"final_authorize\",\"fault\":\"DELAY\",\"times\":1,\"delay_ms\":4000}");
    sandboxAction(base, pr, "open");
    JsonObject completed = sandboxAction(base, pr, "complete");
    String event = envelope(UUID.randomUUID().toString(), completed);
    assertThat(klarna(event, NEW_KEY, sign(NEW_SECRET, event)).status()).isEqualTo(200);
    awaitSummary(shop.api(), id, "Klarna final authorize failed");
    String expired = envelope(UUID.randomUUID().toString(), "EXPIRED", pr, Instant.now());
    assertThat(klarna(expired, NEW_KEY, sign(NEW_SECRET, expired)).status()).isEqualTo(200);
    awaitStatus(shop.api(), id, "expired");
    // the janitor asks Klarna again with the same key, hears of the transaction, and voids it
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline
        && summaries(shop.api(), id).stream()
            .noneMatch(e -> e.startsWith("Late transaction released at Klarna"))) {
      Thread.sleep(500);
    }
    assertThat(summaries(shop.api(), id))
        .anyMatch(e -> e.startsWith("Late approval"))
        .anyMatch(e -> e.startsWith("Late transaction released at Klarna: CLOSED"));
    assertThat(shop.api().get("/api/v1/payments/" + id).json().getString("status"))
        .isEqualTo("expired");
  }

  @Test
  @Order(5)
  void aJanitorStuckOnASlowKlarnaDelaysNoNotification() throws Exception {
    // Klarna's reads are slow (2.5 s each): a janitor pass over the pending payments takes long
    sandbox(base)
        .post(
            "/klarna-sandbox/sandbox/faults",
            "{\"operation\":\"read\",\"fault\":\"DELAY\",\"times\":1000,\"delay_ms\":2500}");
    Shop waiting = shop(null);
    for (int i = 0; i < 4; i++) {
      waiting.api().post("/api/v1/payments", online(4700 + i * 100, "slow-" + i));
    }
    Thread.sleep(1500);
    try (Receiver receiver = new Receiver(base, 1)) {
      Shop shop = shop(receiver.url());
      long started = System.nanoTime();
      shop.api().post("/api/v1/payments", online(4802, "meanwhile"));
      receiver.next();
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as(
              "the first delivery fails; the notification sweep's retry does not wait for the janitor")
          .isLessThan(Duration.ofSeconds(6));
    }
    String ready = admin(base).get("/health/ready").body();
    assertThat(ready).contains("payments janitor", "notification sweep", "last success");
  }

  @Test
  @Order(5)
  void aHostileNotificationEndpointCannotFloodStallOrDelayOthers() throws Exception {
    HttpServer hostile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hostile.setExecutor(Executors.newCachedThreadPool());
    hostile.createContext(
        "/flood",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, 0);
          byte[] mb = new byte[1024 * 1024];
          try (var out = exchange.getResponseBody()) {
            for (int i = 0; i < 50; i++) {
              out.write(mb);
            }
          } catch (IOException gone) {
            // the gateway hung up after the status: as it should
          }
        });
    hostile.createContext(
        "/trickle",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, 0);
          try (var out = exchange.getResponseBody()) {
            for (int i = 0; i < 40; i++) {
              out.write('x');
              out.flush();
              Thread.sleep(1000);
            }
          } catch (IOException | InterruptedException gone) {
            // the gateway hung up after the status
          }
        });
    hostile.createContext(
        "/stall",
        exchange -> {
          try {
            Thread.sleep(30_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    hostile.start();
    String at = "http://127.0.0.1:" + hostile.getAddress().getPort();
    try (Receiver receiver = new Receiver(base, 0)) {
      Shop flood = shop(at + "/flood");
      Shop trickle = shop(at + "/trickle");
      Shop stall = shop(at + "/stall");
      Shop good = shop(receiver.url());
      long started = System.nanoTime();
      String stalled =
          stall.api().post("/api/v1/payments", online(4602, "h3")).json().getString("id");
      String flooded =
          flood.api().post("/api/v1/payments", online(4602, "h1")).json().getString("id");
      String trickled =
          trickle.api().post("/api/v1/payments", online(4602, "h2")).json().getString("id");
      good.api().post("/api/v1/payments", online(4602, "h4"));
      receiver.next();
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("another merchant's endpoint delays no one else")
          .isLessThan(Duration.ofSeconds(5));
      for (var hostileShop : List.of(Map.entry(flood, flooded), Map.entry(trickle, trickled))) {
        JsonObject attempt = firstAttempt(hostileShop.getKey(), hostileShop.getValue());
        assertThat(attempt.getInt("http_status")).as(attempt.toString()).isEqualTo(200);
        assertThat(attempt.getJsonNumber("latency_ms").longValue())
            .as("the status is all that is read")
            .isLessThan(2_000);
        assertThat(attempt.containsKey("response_excerpt"))
            .as("an endpoint's answer is never shown back")
            .isFalse();
      }
      JsonObject timedOut = firstAttempt(stall, stalled);
      // the same words whatever failed: a socket error would tell open ports from closed ones
      assertThat(timedOut.getString("error")).isEqualTo("Could not deliver.");
      assertThat(timedOut.getJsonNumber("latency_ms").longValue()).isLessThan(6_000);
    } finally {
      hostile.stop(0);
    }
    assertThat(admin(base).get("/health/ready").body()).contains("\"UP\"");
  }

  @Test
  @Order(6)
  void aCaptureAndARefundMadeAtKlarnaAreRecordedAndToldToThePartner() throws Exception {
    // registering again rotates the signing key, and the replaced one is deleted at Klarna
    String keyBefore = klarnaWebhookKey();
    assertThat(admin(base).post("/api/v1/admin/webhooks/klarna/registration", "").status())
        .isEqualTo(201);
    String keyAfter = klarnaWebhookKey();
    assertThat(keyAfter).isNotEqualTo(keyBefore);
    assertThat(
            sandbox(base)
                .get("/klarna-sandbox/v2/notification/signing-keys")
                .json()
                .getJsonArray("signing_keys")
                .getValuesAs(JsonObject.class)
                .stream()
                .map(k -> k.getString("signing_key_id")))
        .contains(keyAfter)
        .doesNotContain(keyBefore);
    // the Notifications API's POSTs and PATCHes carried an idempotency key, and every call the
    // integration metadata
    List<JsonObject> calls =
        sandbox(base)
            .get("/klarna-sandbox/sandbox/requests?path=/v2/notification/")
            .json()
            .getJsonArray("requests")
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(c -> header(c, "User-Agent").contains("stepup-gateway")) // the gateway's own
            .toList();
    assertThat(calls)
        .filteredOn(c -> List.of("POST", "PATCH").contains(c.getString("method")))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(header(c, "Klarna-Idempotency-Key")).isNotBlank());
    assertThat(calls)
        .filteredOn(c -> c.getString("method").equals("DELETE"))
        .as("the replaced key deleted")
        .anySatisfy(c -> assertThat(c.getString("path")).endsWith(keyBefore));
    assertThat(calls)
        .allSatisfy(
            c -> assertThat(header(c, "Klarna-Integration-Metadata")).contains("stepup-gateway"));

    try (Receiver receiver = new Receiver(base, 0)) {
      Shop shop = shop(receiver.url());
      String account =
          admin(base)
              .get("/api/v1/admin/merchants/" + shop.merchantId())
              .json()
              .getString("klarna_partner_account_id");
      JsonObject payment = shop.api().post("/api/v1/payments", online(7002, "portal")).json();
      String id = payment.getString("id");
      String transaction = payment.getJsonObject("klarna").getString("payment_transaction_id");
      assertThat(type(receiver.next())).isEqualTo("payment.authorized");

      // someone captures in Klarna's portal: straight at Klarna, not through the gateway
      String at = "/klarna-sandbox/v2/accounts/" + account + "/payment/transactions/" + transaction;
      JsonHttp.Answer captured = sandbox(base).post(at + "/captures", "{\"amount\":3000}");
      assertThat(captured.status()).as(captured.toString()).isEqualTo(201);
      String captureId = captured.json().getString("payment_capture_id");

      JsonObject told = json(receiver.next().body());
      assertThat(told.getString("type")).isEqualTo("payment.captured");
      JsonObject capture = told.getJsonObject("data").getJsonObject("capture");
      assertThat(capture.getString("klarna_capture_id")).isEqualTo(captureId);
      assertThat(capture.getBoolean("made_at_klarna")).isTrue();
      JsonObject amounts = shop.api().get("/api/v1/payments/" + id).json().getJsonObject("amounts");
      assertThat(amounts.getInt("captured")).isEqualTo(3000);
      assertThat(amounts.getInt("capturable")).isEqualTo(4002);

      // and an agent refunds part of that capture, with Klarna's refund-of-a-capture operation
      JsonHttp.Answer refunded =
          sandbox(base).post(at + "/captures/" + captureId + "/refunds", "{\"amount\":1000}");
      assertThat(refunded.status()).as(refunded.toString()).isEqualTo(201);
      JsonObject refund = json(receiver.next().body());
      assertThat(refund.getString("type")).isEqualTo("payment.refunded");
      assertThat(refund.getJsonObject("data").getJsonObject("refund").getString("capture_id"))
          .isEqualTo(capture.getString("id"));
      JsonObject after = shop.api().get("/api/v1/payments/" + id).json();
      assertThat(after.getJsonObject("amounts").getInt("refunded")).isEqualTo(1000);
      assertThat(after.getJsonObject("amounts").getInt("refundable")).isEqualTo(2000);
      assertThat(
              shop.api()
                  .get("/api/v1/payments/" + id + "/captures")
                  .json()
                  .getJsonArray("items")
                  .getJsonObject(0)
                  .getBoolean("made_at_klarna"))
          .isTrue();
      assertThat(receiver.delivered.poll(2, TimeUnit.SECONDS)).as("each told once").isNull();
    }
  }

  /** A header of a call the sandbox kept, found whatever its case; "" when absent. */
  static String header(JsonObject call, String name) {
    return call.getJsonObject("headers").entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(h -> h.getValue().asJsonArray().getString(0, ""))
        .findFirst()
        .orElse("");
  }

  /** The signing key of the gateway's own webhook at the sandbox. */
  private String klarnaWebhookKey() {
    String webhook =
        admin(base).get("/api/v1/admin/webhooks/klarna").json().getString("registered_webhook_id");
    return sandbox(base)
        .get("/klarna-sandbox/v2/notification/webhooks/" + webhook)
        .json()
        .getString("signing_key_id");
  }

  @Test
  @Order(6)
  void aSelfRegisteredWebhookThatKlarnaLosesIsRegisteredAgain() throws Exception {
    try (GatewayProcess gateway =
        new GatewayProcess(
                base,
                "self-register-it",
                List.of(
                    "-Dklarna.webhook.self-register=true",
                    "-Dklarna.webhook.check-interval-seconds=1"))
            .start()) {
      String url = gateway.base() + "webhooks/klarna";
      String first = awaitKlarnaWebhook(url, null);

      // Klarna's side loses it (deleted in the portal, or a sandbox that started afresh)
      assertThat(sandbox(base).delete("/klarna-sandbox/v2/notification/webhooks/" + first).status())
          .isEqualTo(204);
      String second = awaitKlarnaWebhook(url, first);

      // the new registration carries Klarna's events: completion arrives by webhook alone
      var shop = PaymentsIT.shop(gateway.base());
      JsonObject payment = shop.api().post("/api/v1/payments", online(6300, "again")).json();
      String id = payment.getString("id");
      sandboxAction(
          base, payment.getJsonObject("klarna").getString("payment_request_id"), "complete");
      awaitStatus(shop.api(), id, "authorized");
      assertThat(summaries(shop.api(), id)).contains("Klarna request COMPLETED from webhook");
      assertThat(second).isNotEqualTo(first);

      // the registration hears of transactions too: one that expires at Klarna is known by webhook
      JsonObject online = shop.api().post("/api/v1/payments", online(6302, "expires")).json();
      String transaction = online.getJsonObject("klarna").getString("payment_transaction_id");
      assertThat(
              sandbox(base)
                  .post(
                      "/klarna-sandbox/sandbox/payment-transactions/" + transaction + "/expire", "")
                  .status())
          .isEqualTo(200);
      awaitSummary(shop.api(), online.getString("id"), "Klarna transaction EXPIRED from webhook");
      assertThat(
              shop.api()
                  .get("/api/v1/payments/" + online.getString("id"))
                  .json()
                  .getJsonObject("klarna")
                  .getString("transaction_state"))
          .isEqualTo("EXPIRED");

      // what it keeps to sign and verify with is stored sealed (gateway.secrets.key)
      gateway.kill();
      try (var db = gateway.database();
          var keys = db.createStatement().executeQuery("SELECT secret FROM klarna_signing_key");
          var merchants =
              db.createStatement().executeQuery("SELECT webhook_secret FROM merchant")) {
        List<String> stored = new ArrayList<>();
        while (keys.next()) {
          stored.add(keys.getString(1));
        }
        while (merchants.next()) {
          stored.add(merchants.getString(1));
        }
        assertThat(stored).hasSizeGreaterThanOrEqualTo(3).allMatch(v -> v.startsWith("enc:v1:"));
      }
    }
  }

  /** The id of the sandbox's webhook for {@code url} other than {@code other}; 60 s at most. */
  private String awaitKlarnaWebhook(String url, String other) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      var found =
          sandbox(base)
              .get("/klarna-sandbox/v2/notification/webhooks")
              .json()
              .getJsonArray("webhooks")
              .getValuesAs(JsonObject.class)
              .stream()
              .filter(
                  w -> url.equals(w.getString("url")) && "ENABLED".equals(w.getString("status")))
              .map(w -> w.getString("webhook_id"))
              .filter(w -> !w.equals(other))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no Klarna webhook for " + url + " besides " + other);
  }

  Shop shop(String notificationUrl) {
    String account = "krn:partner:global:account:test:" + UUID.randomUUID();
    var merchant =
        Json.createObjectBuilder().add("name", "Hooks").add("klarna_partner_account_id", account);
    if (notificationUrl != null) {
      merchant.add("notification_url", notificationUrl);
    }
    JsonHttp.Answer created =
        admin(base).post("/api/v1/admin/merchants", merchant.build().toString());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonHttp api = new JsonHttp(base, "Bearer " + created.json().getString("api_key"));
    JsonHttp.Answer web =
        api.post(
            "/api/v1/stores",
            "{\"type\":\"WEBSITE\",\"store_reference\":\"web-001\",\"name\":\"Shop\","
                + "\"url\":\"https://shoes.example\"}");
    assertThat(web.status()).as(web.toString()).isEqualTo(201);
    return new Shop(
        api, created.json().getString("id"), created.json().getString("webhook_secret"));
  }

  static String online(long amount, String reference) {
    return PaymentBodies.online(amount).reference(reference).json();
  }

  /** Klarna's envelope for a state change, as §4.3 of KLARNA-API.md describes it. */
  static String envelope(String eventId, String state, String pr, Instant updatedAt) {
    return envelope(
        eventId,
        Json.createObjectBuilder()
            .add("payment_request_id", pr)
            .add("state", state)
            .add("updated_at", updatedAt.toString())
            .build());
  }

  static String envelope(String eventId, JsonObject paymentRequest) {
    return envelope(
        eventId,
        "payment.request.state-change."
            + paymentRequest.getString("state").toLowerCase(Locale.ROOT).replace('_', '-'),
        paymentRequest);
  }

  /** Klarna's envelope (KLARNA-API.md §4.3) of one event. */
  static String envelope(String eventId, String eventType, JsonObject payload) {
    return Json.createObjectBuilder()
        .add(
            "metadata",
            Json.createObjectBuilder()
                .add("event_id", eventId)
                .add("event_type", eventType)
                .add("event_version", "v2")
                .add("occurred_at", Instant.now().toString())
                .add("live", false))
        .add("payload", payload)
        .build()
        .toString();
  }

  static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonHttp.Answer klarna(String body, String keyId, String signature) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Klarna-Signing-Key-Id", keyId);
    if (signature != null) {
      headers.put("Klarna-Signature", signature);
    }
    return new JsonHttp(base, null).send("POST", "/webhooks/klarna", body, headers);
  }

  /** The partner's own check, written from the Standard Webhooks specification alone. */
  static void verify(Received r, List<String> secrets) throws Exception {
    assertThat(Long.parseLong(r.timestamp()))
        .isCloseTo(Instant.now().getEpochSecond(), Offset.offset(300L));
    boolean any = false;
    for (String secret : secrets) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      byte[] expected =
          mac.doFinal(
              (r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
      for (String part : r.signature().split(" ")) {
        if (part.startsWith("v1,")
            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) {
          any = true;
        }
      }
    }
    assertThat(any).as("a v1 signature made with " + secrets.size() + " secret(s)").isTrue();
  }

  /** One request the partner's receiver got. */
  record Received(String id, String timestamp, String signature, String body) {}

  /**
   * The partner's webhook receiver: fails the first {@code failFirst} calls with a 500. Every
   * notification it acknowledges must verify by the Standard Webhooks algorithm and match its
   * event's schema ({@link PartnerWebhooks}); the test fails at the next {@link #next()} or at
   * {@link #close()} otherwise.
   */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final AtomicInteger calls = new AtomicInteger();
    final BlockingQueue<Received> delivered = new LinkedBlockingQueue<>();
    final List<String> broken = new CopyOnWriteArrayList<>();

    Receiver(URL base, int failFirst) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hooks",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int call = calls.incrementAndGet();
            int status = call <= failFirst ? 500 : 204;
            if (status == 204) {
              var h = exchange.getRequestHeaders();
              Received r =
                  new Received(
                      h.getFirst("webhook-id"),
                      h.getFirst("webhook-timestamp"),
                      h.getFirst("webhook-signature"),
                      new String(body, StandardCharsets.UTF_8));
              try {
                PartnerWebhooks.check(base, r.id(), r.timestamp(), r.signature(), r.body());
              } catch (AssertionError | RuntimeException e) {
                broken.add(e.getMessage());
              }
              delivered.add(r);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    Received next() throws InterruptedException {
      Received r = delivered.poll(30, TimeUnit.SECONDS);
      assertThat(r).as("a notification within 30 s").isNotNull();
      assertThat(broken).as("notifications that do not verify or match their schema").isEmpty();
      return r;
    }

    @Override
    public void close() {
      server.stop(0);
      assertThat(broken).as("notifications that do not verify or match their schema").isEmpty();
    }
  }

  private void blockKlarnaReads() {
    sandbox(base)
        .post(
            "/klarna-sandbox/sandbox/faults",
            "{\"operation\":\"read\",\"fault\":\"HTTP_500\",\"times\":100000}");
  }

  private JsonObject awaitNotification(Shop shop, String id, String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = shop.api().get("/api/v1/notifications/" + id).json();
      if (last.getString("status").equals(status)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("notification " + id + " never became " + status + ": " + last);
  }

  private void awaitDelivery(String paymentRequestId, String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      String log = sandbox(base).get("/klarna-sandbox/sandbox/webhook-deliveries").body();
      for (JsonObject d :
          Json.createReader(new StringReader(log))
              .readObject()
              .getJsonArray("deliveries")
              .getValuesAs(JsonObject.class)) {
        if (d.getString("status").equals(status)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no delivery answered " + status + " for " + paymentRequestId);
  }
}
