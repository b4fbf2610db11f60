package com.stepup.gateway.app;

import static com.stepup.gateway.app.ItGateway.admin;
import static com.stepup.gateway.app.ItGateway.awaitStatus;
import static com.stepup.gateway.app.ItGateway.sandbox;
import static com.stepup.gateway.app.ItGateway.sandboxAction;
import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.bench.PaymentBodies;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Disputes end to end (issue 26): opened at the Klarna sandbox on a captured in-store sale, learned
 * by the gateway from the sandbox's signed {@code payment.dispute.*} webhooks and get-details,
 * shown in the partner API and told by partner webhook; answered with the evidence pack and won;
 * left unanswered until its deadline and lost; accepted; appealed after a preliminary loss; and the
 * refusals: the 409s, another merchant's 404, files Klarna would not take.
 */
@OnEveryDatabase
@ExtendWith(ArquillianExtension.class)
class DisputesIT {

  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static volatile boolean registered;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return GatewayDeployment.war();
  }

  @ArquillianResource URL base;

  /** The gateway's webhook at the sandbox, once per server: dispute events reach the gateway. */
  @BeforeEach
  void registerOnce() {
    sandbox(base).delete("/klarna-sandbox/sandbox/faults");
    synchronized (DisputesIT.class) {
      if (!registered) {
        JsonHttp.Answer r = admin(base).post("/api/v1/admin/webhooks/klarna/registration", "");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String webhookId = r.json().getString("webhook_id");
        // as an older gateway left it: Klarna's webhook for our URL without the dispute events ...
        String path = "/klarna-sandbox/v2/notification/webhooks/" + webhookId;
        JsonHttp.Answer old =
            sandbox(base)
                .patch(
                    path,
                    "{\"event_types\":[\"payment.request.state-change.*\","
                        + "\"payment.transaction.state-change.*\"]}");
        assertThat(old.status()).as(old.toString()).isEqualTo(200);
        // ... is updated by the next registration, not doubled
        JsonHttp.Answer again = admin(base).post("/api/v1/admin/webhooks/klarna/registration", "");
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().getString("webhook_id")).isEqualTo(webhookId);
        String url = sandbox(base).get(path).json().getString("url");
        assertThat(
                sandbox(base)
                    .get("/klarna-sandbox/v2/notification/webhooks")
                    .json()
                    .getJsonArray("webhooks")
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .filter(w -> url.equals(w.getString("url"))))
            .as("one webhook for the gateway's URL, hearing of disputes")
            .singleElement()
            .satisfies(
                w ->
                    assertThat(w.getJsonArray("event_types").toString())
                        .contains("payment.dispute.*"));
        registered = true;
      }
    }
  }

  record Shop(
      JsonHttp api, String authorization, String merchantId, String storeId, String terminalId) {}

  Shop shop(String notificationUrl) {
    var merchant =
        Json.createObjectBuilder()
            .add("name", "Disputed Shoes")
            .add(
                "klarna_partner_account_id",
                "krn:partner:global:account:test:" + UUID.randomUUID());
    if (notificationUrl != null) {
      merchant.add("notification_url", notificationUrl);
    }
    JsonHttp.Answer created =
        admin(base).post("/api/v1/admin/merchants", merchant.build().toString());
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
    JsonHttp.Answer till =
        api.post(
            "/api/v1/stores/" + store.json().getString("id") + "/terminals",
            "{\"terminal_reference\":\"till-7\",\"name\":\"Till 7\",\"has_display\":true}");
    assertThat(till.status()).as(till.toString()).isEqualTo(201);
    return new Shop(
        api,
        authorization,
        created.json().getString("id"),
        store.json().getString("id"),
        till.json().getString("id"));
  }

  /**
   * The shop's till shows its pending payment's QR code on its customer-facing display: a merchant
   * admin links the display in the console, and the display draws the QR code (what the shopper
   * scans).
   */
  void showTheQrCodeOnTheDisplay(Shop shop) throws Exception {
    String user = "disputes-" + UUID.randomUUID().toString().substring(0, 8);
    JsonHttp.Answer made =
        admin(base)
            .post(
                "/api/v1/admin/users",
                "{\"username\":\""
                    + user
                    + "\",\"password\":\"correct-horse-battery\",\"role\":\"MERCHANT_ADMIN\","
                    + "\"merchant_id\":\""
                    + shop.merchantId()
                    + "\"}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    HttpClient console =
        HttpClient.newBuilder()
            .cookieHandler(new java.net.CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String login = page(console, "/login");
    HttpResponse<String> in =
        form(
            console,
            "/login",
            "_csrf=" + csrf(login) + "&username=" + user + "&password=correct-horse-battery");
    assertThat(in.statusCode()).as("the merchant admin logs in").isEqualTo(303);
    String storePath = "/console/stores/" + shop.storeId();
    HttpResponse<String> linked =
        form(
            console,
            storePath + "/terminals/" + shop.terminalId() + "/display-link",
            "_csrf=" + csrf(page(console, storePath)));
    assertThat(linked.statusCode()).as(linked.body()).isEqualTo(303);
    var url =
        java.util.regex.Pattern.compile("href=\"([^\"]*/display/[A-Za-z0-9_-]{20,})\"")
            .matcher(page(console, storePath));
    assertThat(url.find()).as("the display's link, shown once").isTrue();
    HttpResponse<String> qr =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url.group(1) + "/qr.svg")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(qr.statusCode()).isEqualTo(200);
    assertThat(qr.body()).startsWith("<svg");
  }

  String page(HttpClient console, String path) throws Exception {
    HttpResponse<String> r =
        console.send(
            HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  HttpResponse<String> form(HttpClient console, String path, String form) throws Exception {
    return console.send(
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String csrf(String page) {
    var m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("a CSRF token on the page").isTrue();
    return java.net.URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
  }

  /** An in-store sale the shopper approved: authorized and captured with its authorization. */
  JsonObject capturedSale(Shop shop, long amount) {
    JsonObject payment =
        shop.api()
            .post("/api/v1/payments", PaymentBodies.inStore(amount).reference("sale").json())
            .json();
    sandboxAction(
        base, payment.getJsonObject("klarna").getString("payment_request_id"), "complete");
    JsonObject done = awaitStatus(shop.api(), payment.getString("id"), "authorized");
    assertThat(done.getJsonObject("amounts").getJsonNumber("captured").longValue())
        .isEqualTo(amount);
    return done;
  }

  /** The shopper disputes the sale at Klarna (the sandbox's control); Klarna's dispute. */
  JsonObject disputeAtKlarna(JsonObject payment, String reason) {
    JsonHttp.Answer opened =
        sandbox(base)
            .post(
                "/klarna-sandbox/sandbox/disputes",
                Json.createObjectBuilder()
                    .add(
                        "payment_transaction_id",
                        payment.getJsonObject("klarna").getString("payment_transaction_id"))
                    .add("reason", reason)
                    .build()
                    .toString());
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    return opened.json();
  }

  /** The payment's dispute once the gateway has learned it and it satisfies {@code until}. */
  static JsonObject awaitDispute(Shop shop, String paymentId, Predicate<JsonObject> until)
      throws InterruptedException {
    JsonObject last = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (System.nanoTime() < deadline) {
      var items =
          shop.api()
              .get("/api/v1/payments/" + paymentId + "/disputes")
              .json()
              .getJsonArray("items");
      if (!items.isEmpty()) {
        last = items.getJsonObject(0);
        if (until.test(last)) {
          return last;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the dispute of " + paymentId + " never got there: " + last);
  }

  static Predicate<JsonObject> state(String state) {
    return d -> d.getString("state").equals(state);
  }

  JsonObject decide(JsonObject klarnaDispute, String field, String outcome) {
    JsonHttp.Answer r =
        sandbox(base)
            .post(
                "/klarna-sandbox/sandbox/disputes/"
                    + klarnaDispute.getString("payment_dispute_id")
                    + "/decide",
                "{\"" + field + "\":\"" + outcome + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  static JsonHttp.Answer post(Shop shop, String path, String json) {
    return shop.api()
        .send("POST", path, json, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  static long amount(JsonObject payment, String which) {
    return payment.getJsonObject("amounts").getJsonNumber(which).longValue();
  }

  @Test
  void aDisputeOpenedAtKlarnaReachesThePartnerAndIsWonWithTheEvidencePack() throws Exception {
    try (WebhooksIT.Receiver receiver = new WebhooksIT.Receiver(base, 0)) {
      Shop shop = shop(receiver.url());
      JsonObject payment = capturedSale(shop, 11800);
      String paymentId = payment.getString("id");
      JsonObject atKlarna = disputeAtKlarna(payment, "PRODUCTS_OR_SERVICES_NOT_RECEIVED");

      JsonObject dispute = awaitDispute(shop, paymentId, state("INITIATED"));
      String id = dispute.getString("id");
      assertThat(id).startsWith("dsp_");
      assertThat(dispute.getString("klarna_dispute_id"))
          .isEqualTo(atKlarna.getString("payment_dispute_id"));
      assertThat(dispute.getString("reason")).isEqualTo("PRODUCTS_OR_SERVICES_NOT_RECEIVED");
      assertThat(dispute.getJsonNumber("amount").longValue()).isEqualTo(11800);
      assertThat(dispute.getString("currency")).isEqualTo(payment.getString("currency"));
      assertThat(dispute.getString("capture_id")).startsWith("cap_");
      assertThat(Instant.parse(dispute.getString("evidence_due_at")))
          .isAfter(Instant.now().plus(Duration.ofDays(20)));
      assertThat(amount(shop.api().get("/api/v1/payments/" + paymentId).json(), "disputed"))
          .isEqualTo(11800);
      assertThat(shop.api().get("/api/v1/disputes/" + id).json()).isEqualTo(dispute);
      JsonObject listed =
          shop.api().get("/api/v1/disputes?state=INITIATED&payment_id=" + paymentId).json();
      assertThat(listed.getJsonNumber("total").longValue()).isEqualTo(1);
      assertThat(
              shop.api()
                  .get("/api/v1/disputes?state=CLOSED")
                  .json()
                  .getJsonNumber("total")
                  .longValue())
          .isZero();
      assertThat(shop.api().get("/api/v1/disputes?state=OPEN").status()).isEqualTo(400);

      JsonObject opened = next(receiver, "dispute.opened");
      assertThat(opened.getJsonObject("data").getString("id")).isEqualTo(id);

      // the evidence pack, attached as is, answers the dispute
      HttpResponse<byte[]> pack = getBytes(shop, "/api/v1/disputes/" + id + "/evidence-pack");
      assertThat(pack.statusCode()).isEqualTo(200);
      assertThat(pack.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/pdf");
      assertThat(new String(pack.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      assertThat(pack.body().length).isLessThan(7 * 1024 * 1024);
      JsonHttp.Answer uploaded = upload(shop, id, "evidence-pack.pdf", pack.body());
      assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
      String attachment = uploaded.json().getString("id");
      assertThat(attachment).startsWith("att_");
      assertThat(uploaded.json().getString("content_type")).isEqualTo("application/pdf");

      String key = UUID.randomUUID().toString();
      String answer =
          "{\"attachment_ids\":[\""
              + attachment
              + "\"],\"additional_information\":\"Sold in store\"}";
      JsonHttp.Answer evidence =
          shop.api()
              .send(
                  "POST",
                  "/api/v1/disputes/" + id + "/evidence",
                  answer,
                  Map.of("Idempotency-Key", key));
      assertThat(evidence.status()).as(evidence.toString()).isEqualTo(200);
      assertThat(evidence.json().getString("state")).isEqualTo("REPRESENTMENT");
      JsonHttp.Answer replay =
          shop.api()
              .send(
                  "POST",
                  "/api/v1/disputes/" + id + "/evidence",
                  answer,
                  Map.of("Idempotency-Key", key));
      assertThat(replay.body()).as("the same key replays").isEqualTo(evidence.body());
      assertThat(post(shop, "/api/v1/disputes/" + id + "/evidence", answer).status())
          .as("evidence twice")
          .isEqualTo(409);
      assertThat(post(shop, "/api/v1/disputes/" + id + "/accept", null).status())
          .as("nothing to accept while Klarna reviews")
          .isEqualTo(409);
      assertThat(
              post(shop, "/api/v1/disputes/" + id + "/appeal", "{\"additional_information\":\"x\"}")
                  .status())
          .isEqualTo(409);
      assertThat(upload(shop, id, "more.pdf", pack.body()).status())
          .as("no files once the evidence is sent")
          .isEqualTo(409);

      decide(atKlarna, "preliminary_outcome", "WON");
      JsonObject won = awaitDispute(shop, paymentId, state("CLOSED"));
      assertThat(won.getString("outcome")).isEqualTo("WON");
      JsonObject after = shop.api().get("/api/v1/payments/" + paymentId).json();
      assertThat(amount(after, "disputed")).isZero();
      assertThat(amount(after, "lost")).isZero();
      assertThat(next(receiver, "dispute.won").getJsonObject("data").getString("outcome"))
          .isEqualTo("WON");
    }
  }

  @Test
  void theEvidencePackListsEachCaptureWithItsShippingTracking() throws Exception {
    Shop shop = shop(null);
    String body =
        PaymentBodies.inStore(9000)
            .reference("shipped")
            .json()
            .replaceFirst("\\{", "{\"capture_mode\":\"manual\",");
    JsonObject payment = shop.api().post("/api/v1/payments", body).json();
    String id = payment.getString("id");
    showTheQrCodeOnTheDisplay(shop);
    sandboxAction(
        base, payment.getJsonObject("klarna").getString("payment_request_id"), "complete");
    JsonObject authorized = awaitStatus(shop.api(), id, "authorized");
    JsonHttp.Answer first =
        post(
            shop,
            "/api/v1/payments/" + id + "/captures",
            "{\"amount\":6000,\"shipping\":{\"tracking_number\":\"1Z999AA10123456784\","
                + "\"tracking_url\":\"https://track.example/1Z999AA10123456784\","
                + "\"carrier\":\"UPS\"}}");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    JsonHttp.Answer second =
        post(
            shop,
            "/api/v1/payments/" + id + "/captures",
            "{\"shipping\":{\"tracking_number\":\"JD014600006281230\",\"carrier\":\"DHL\"}}");
    assertThat(second.status()).as(second.toString()).isEqualTo(201);
    disputeAtKlarna(authorized, "PRODUCTS_OR_SERVICES_NOT_RECEIVED");
    JsonObject dispute = awaitDispute(shop, id, state("INITIATED"));

    HttpResponse<byte[]> pack =
        getBytes(shop, "/api/v1/disputes/" + dispute.getString("id") + "/evidence-pack");
    assertThat(pack.statusCode()).isEqualTo(200);
    try (var doc = Loader.loadPDF(pack.body())) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains(first.json().getString("id"), second.json().getString("id"))
          .contains(
              "shipped: UPS, tracking 1Z999AA10123456784,"
                  + " https://track.example/1Z999AA10123456784")
          .contains("shipped: DHL, tracking JD014600006281230")
          .contains("Line items:", "1 x Shoes at 90.00 USD = 90.00 USD")
          .as("the sale step by step, as the gateway saw it")
          .contains("QR code shown to the shopper: 20")
          .contains("on the display of terminal till-7")
          .contains("Approved by the shopper at Klarna: 20")
          .contains("Final authorization: 20")
          .contains(authorized.getJsonObject("klarna").getString("payment_transaction_id"))
          .as("sentences, not Klarna's bodies")
          .doesNotContain("{\"");
    }
    assertThat(shop.api().get("/api/v1/payments/" + id + "/timeline").json().toString())
        .as("the QR code shown once, in the payment's timeline")
        .containsOnlyOnce("QR code shown to the shopper on the display of terminal till-7");
  }

  @Test
  void aDisputeLeftUnansweredUntilItsDeadlineIsLost() throws Exception {
    try (WebhooksIT.Receiver receiver = new WebhooksIT.Receiver(base, 0)) {
      leftUnansweredUntilItsDeadline(receiver);
    }
  }

  void leftUnansweredUntilItsDeadline(WebhooksIT.Receiver receiver) throws Exception {
    Shop shop = shop(receiver.url());
    JsonObject payment = capturedSale(shop, 5000);
    JsonObject atKlarna = disputeAtKlarna(payment, "PURCHASE_UNAUTHORIZED");
    JsonObject dispute = awaitDispute(shop, payment.getString("id"), state("INITIATED"));
    Instant due = Instant.parse(dispute.getString("evidence_due_at"));
    assertThat(due)
        .as("7 days for an unauthorized purchase, on Klarna's clock")
        .isEqualTo(Instant.parse(atKlarna.getString("created_at")).plus(Duration.ofDays(7)))
        .isEqualTo(
            Instant.parse(
                atKlarna
                    .getJsonObject("state_context")
                    .getJsonObject("representment")
                    .getString("expires_at")));
    sandbox(base)
        .post("/klarna-sandbox/sandbox/clock/advance", "{\"seconds\":" + (7 * 86400 + 1) + "}");
    JsonObject lost = awaitDispute(shop, payment.getString("id"), state("CLOSED"));
    assertThat(lost.getString("outcome")).isEqualTo("LOST");
    JsonObject after = shop.api().get("/api/v1/payments/" + payment.getString("id")).json();
    assertThat(amount(after, "disputed")).isZero();
    assertThat(amount(after, "lost")).isEqualTo(5000);
    JsonObject told = next(receiver, "dispute.lost");
    assertThat(told.getJsonObject("data").getString("id")).isEqualTo(lost.getString("id"));
    assertThat(told.getJsonObject("data").getString("outcome")).isEqualTo("LOST");
  }

  @Test
  void klarnasScriptedDisputesAnExtendedDeadlineAndALostWebhookAreLearnedAndListedOpenFirst()
      throws Exception {
    try (WebhooksIT.Receiver receiver = new WebhooksIT.Receiver(base, 0)) {
      Shop shop = shop(receiver.url());

      // a dispute answered with evidence, waiting on Klarna's review (no deadline of the
      // merchant's)
      JsonObject reviewed = capturedSale(shop, 2000);
      disputeAtKlarna(reviewed, "INCORRECT_AMOUNT");
      String inReview =
          awaitDispute(shop, reviewed.getString("id"), state("INITIATED")).getString("id");
      String photo = upload(shop, inReview, "photo.png", png()).json().getString("id");
      assertThat(
              post(
                      shop,
                      "/api/v1/disputes/" + inReview + "/evidence",
                      "{\"attachment_ids\":[\"" + photo + "\"]}")
                  .status())
          .isEqualTo(200);

      // Klarna's sandbox flag in the shopper's e-mail opens a dispute after the capture, and
      // decides it for the merchant once the evidence is in
      String flagged =
          PaymentBodies.inStore(3000)
              .reference("flagged")
              .json()
              .replaceFirst(
                  "\\{",
                  "{\"customer\":{\"email\":\"shopper+dispute_win_on_evidence@example.com\"},");
      JsonObject sale = shop.api().post("/api/v1/payments", flagged).json();
      sandboxAction(base, sale.getJsonObject("klarna").getString("payment_request_id"), "complete");
      awaitStatus(shop.api(), sale.getString("id"), "authorized");
      JsonObject scripted = awaitDispute(shop, sale.getString("id"), state("INITIATED"));
      assertThat(scripted.getString("reason")).isEqualTo("PRODUCTS_OR_SERVICES_NOT_RECEIVED");
      String won = scripted.getString("id");
      String proof =
          upload(shop, won, "proof.pdf", "%PDF-1.4 proof".getBytes()).json().getString("id");
      assertThat(
              post(
                      shop,
                      "/api/v1/disputes/" + won + "/evidence",
                      "{\"attachment_ids\":[\"" + proof + "\"]}")
                  .status())
          .isEqualTo(200);
      assertThat(awaitDispute(shop, sale.getString("id"), state("CLOSED")).getString("outcome"))
          .isEqualTo("WON");

      // Klarna's webhook for a new dispute is lost (its signature is bad, every time): the daily
      // pass over Klarna's list learns it
      JsonObject unheard = capturedSale(shop, 4000);
      sandbox(base).sandboxFault("webhook", "BAD_SIGNATURE", 0);
      JsonObject atKlarna = disputeAtKlarna(unheard, "PRODUCTS_DEFECTIVE_OR_NOT_AS_DESCRIBED");
      Thread.sleep(2000);
      assertThat(
              shop.api()
                  .get("/api/v1/payments/" + unheard.getString("id") + "/disputes")
                  .json()
                  .getJsonArray("items"))
          .as("the webhook was lost")
          .isEmpty();
      JsonHttp.Answer pass = admin(base).post("/api/v1/admin/disputes/reconcile", "");
      assertThat(pass.status()).as(pass.toString()).isEqualTo(200);
      assertThat(pass.json().getInt("read")).isPositive();
      JsonObject learned = awaitDispute(shop, unheard.getString("id"), state("INITIATED"));
      String open = learned.getString("id");
      assertThat(learned.getString("klarna_dispute_id"))
          .isEqualTo(atKlarna.getString("payment_dispute_id"));
      assertThat(
              amount(
                  shop.api().get("/api/v1/payments/" + unheard.getString("id")).json(), "disputed"))
          .isEqualTo(4000);

      // Klarna extends the deadline: its webhook moves the dispute's, and the partner is told
      Instant due = Instant.parse(learned.getString("evidence_due_at"));
      JsonHttp.Answer extended =
          sandbox(base)
              .post(
                  "/klarna-sandbox/sandbox/disputes/"
                      + atKlarna.getString("payment_dispute_id")
                      + "/extend",
                  "{\"seconds\":86400}");
      assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
      String later = due.plus(Duration.ofDays(1)).toString();
      awaitDispute(
          shop, unheard.getString("id"), d -> later.equals(d.getString("evidence_due_at")));
      JsonObject updated = next(receiver, "dispute.updated", open);
      assertThat(updated.getJsonObject("data").getString("evidence_due_at")).isEqualTo(later);

      // open first (by deadline), then the one in review, then the closed one, though newer
      var listed =
          shop
              .api()
              .get("/api/v1/disputes?sort=due_at")
              .json()
              .getJsonArray("items")
              .getValuesAs(JsonObject.class)
              .stream()
              .map(d -> d.getString("id"))
              .toList();
      assertThat(listed).containsExactly(open, inReview, won);
    }
  }

  @Test
  void theMerchantAcceptsTheLossOnce() throws Exception {
    Shop shop = shop(null);
    JsonObject payment = capturedSale(shop, 4200);
    JsonObject atKlarna = disputeAtKlarna(payment, "INCORRECT_AMOUNT");
    String id = awaitDispute(shop, payment.getString("id"), state("INITIATED")).getString("id");
    JsonHttp.Answer accepted = post(shop, "/api/v1/disputes/" + id + "/accept", null);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(accepted.json().getString("state")).isEqualTo("CLOSED");
    assertThat(accepted.json().getString("outcome")).isEqualTo("LOST");
    assertThat(post(shop, "/api/v1/disputes/" + id + "/accept", null).status()).isEqualTo(409);
    JsonObject klarnaNow =
        sandbox(base)
            .get("/klarna-sandbox/v4/payment/disputes/" + atKlarna.getString("payment_dispute_id"))
            .json();
    assertThat(klarnaNow.getString("state")).isEqualTo("CLOSED");
    Thread.sleep(1500); // Klarna's closed event arrives and moves no money twice
    JsonObject after = shop.api().get("/api/v1/payments/" + payment.getString("id")).json();
    assertThat(amount(after, "lost")).isEqualTo(4200);
    assertThat(amount(after, "disputed")).isZero();
  }

  @Test
  void anAppealAfterAPreliminaryLossGoesToArbitration() throws Exception {
    Shop shop = shop(null);
    JsonObject payment = capturedSale(shop, 9900);
    JsonObject atKlarna = disputeAtKlarna(payment, "PRODUCTS_DEFECTIVE_OR_NOT_AS_DESCRIBED");
    String id = awaitDispute(shop, payment.getString("id"), state("INITIATED")).getString("id");
    assertThat(
            post(shop, "/api/v1/disputes/" + id + "/appeal", "{\"additional_information\":\"x\"}")
                .status())
        .as("no appeal before a preliminary loss")
        .isEqualTo(409);
    String photo = upload(shop, id, "photo.png", png()).json().getString("id");
    // Klarna takes the evidence, then answers 500: the gateway asks again with the same key and
    // gets Klarna's first answer; nothing is sent twice
    sandbox(base).sandboxFault("dispute", "HTTP_500_AFTER_COMMIT", 0);
    assertThat(
            post(
                    shop,
                    "/api/v1/disputes/" + id + "/evidence",
                    "{\"attachment_ids\":[\"" + photo + "\"]}")
                .status())
        .isEqualTo(200);
    var represents =
        sandbox(base)
            .get("/klarna-sandbox/sandbox/requests?path=/represent")
            .json()
            .getJsonArray("requests")
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(r -> r.getString("path").contains(atKlarna.getString("payment_dispute_id")))
            .toList();
    assertThat(represents).as("the first call and its retry").hasSize(2);
    assertThat(represents.get(0).getJsonObject("headers").toString()).contains(id + ":represent");
    assertThat(represents.get(1).getJsonObject("headers").toString())
        .as("the retry carries the same Klarna-Idempotency-Key")
        .contains("\"" + id + ":represent\"");
    assertThat(represents.get(0).getInt("status")).isEqualTo(500);
    assertThat(represents.get(1).getInt("status")).isEqualTo(201);
    decide(atKlarna, "preliminary_outcome", "LOST");
    JsonObject pre = awaitDispute(shop, payment.getString("id"), state("PRE_ARBITRATION"));
    assertThat(pre.getString("appeal_due_at")).isNotBlank();
    assertThat(post(shop, "/api/v1/disputes/" + id + "/appeal", "{}").status())
        .as("an appeal says why")
        .isEqualTo(400);
    String more =
        upload(shop, id, "report.pdf", "%PDF-1.4 lab report".getBytes()).json().getString("id");
    JsonHttp.Answer appeal =
        post(
            shop,
            "/api/v1/disputes/" + id + "/appeal",
            "{\"additional_information\":\"The lab report shows no defect\",\"attachment_ids\":[\""
                + more
                + "\"]}");
    assertThat(appeal.status()).as(appeal.toString()).isEqualTo(200);
    assertThat(appeal.json().getString("state")).isEqualTo("ARBITRATION");
    assertThat(
            post(
                    shop,
                    "/api/v1/disputes/" + id + "/appeal",
                    "{\"additional_information\":\"again\"}")
                .status())
        .isEqualTo(409);
    decide(atKlarna, "outcome", "WON");
    assertThat(awaitDispute(shop, payment.getString("id"), state("CLOSED")).getString("outcome"))
        .isEqualTo("WON");
  }

  @Test
  void anotherMerchantsDisputeIsNotFoundAndFilesKlarnaWouldRefuseNeverReachIt() throws Exception {
    Shop shop = shop(null);
    Shop other = shop(null);
    JsonObject payment = capturedSale(shop, 3100);
    disputeAtKlarna(payment, "REFUND_NOT_PROCESSED");
    String id = awaitDispute(shop, payment.getString("id"), state("INITIATED")).getString("id");

    assertThat(other.api().get("/api/v1/disputes/" + id).status()).isEqualTo(404);
    assertThat(
            other.api().get("/api/v1/payments/" + payment.getString("id") + "/disputes").status())
        .isEqualTo(404);
    assertThat(post(other, "/api/v1/disputes/" + id + "/accept", null).status()).isEqualTo(404);
    assertThat(upload(other, id, "a.pdf", "%PDF-1.4".getBytes()).status()).isEqualTo(404);
    assertThat(other.api().get("/api/v1/disputes").json().getJsonNumber("total").longValue())
        .isZero();

    int before = uploadsAtKlarna();
    assertThat(upload(shop, id, "empty.pdf", new byte[0]).status()).isEqualTo(400);
    assertThat(upload(shop, id, "notes.txt", "hello".getBytes()).status()).isEqualTo(400);
    assertThat(upload(shop, id, "fake.png", "%PDF-1.4".getBytes()).status())
        .as("a PDF named .png")
        .isEqualTo(400);
    byte[] justOver = new byte[7 * 1024 * 1024 + 1];
    System.arraycopy("%PDF-".getBytes(), 0, justOver, 0, 5);
    JsonHttp.Answer big = upload(shop, id, "big.pdf", justOver);
    assertThat(big.status()).as(big.toString()).isEqualTo(400);
    assertThat(big.body()).contains("7 MB");
    byte[] wayOver = new byte[9 * 1024 * 1024];
    System.arraycopy("%PDF-".getBytes(), 0, wayOver, 0, 5);
    assertThat(upload(shop, id, "huge.pdf", wayOver).status()).isEqualTo(400);
    assertThat(uploadsAtKlarna()).as("nothing reached Klarna").isEqualTo(before);

    assertThat(
            post(
                    shop,
                    "/api/v1/disputes/" + id + "/evidence",
                    "{\"attachment_ids\":[\"att_nope\"]}")
                .status())
        .isEqualTo(400);
    assertThat(
            post(
                    shop,
                    "/api/v1/disputes/" + id + "/evidence",
                    "{\"attachment_ids\":[],\"color\":1}")
                .status())
        .isEqualTo(400);
  }

  // -- helpers ----------------------------------------------------------------------------

  int uploadsAtKlarna() {
    return sandbox(base)
        .get("/klarna-sandbox/sandbox/requests?path=/attachments")
        .json()
        .getJsonArray("requests")
        .size();
  }

  static byte[] png() {
    return new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
  }

  /** The next partner notification of {@code type}, skipping the payment's own. */
  static JsonObject next(WebhooksIT.Receiver receiver, String type) throws InterruptedException {
    return next(receiver, type, null);
  }

  /** The same, about dispute {@code disputeId} (null: any). */
  static JsonObject next(WebhooksIT.Receiver receiver, String type, String disputeId)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      WebhooksIT.Received r = receiver.delivered.poll(1, TimeUnit.SECONDS);
      if (r != null) {
        JsonObject json = Json.createReader(new StringReader(r.body())).readObject();
        if (json.getString("type").equals(type)
            && (disputeId == null
                || disputeId.equals(json.getJsonObject("data").getString("id", null)))) {
          return json;
        }
      }
    }
    throw new AssertionError("no " + type + " notification within 30 s");
  }

  HttpResponse<byte[]> getBytes(Shop shop, String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
            .header("Authorization", shop.authorization())
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A multipart upload as a partner's HTTP library sends it, held to the OpenAPI document. */
  JsonHttp.Answer upload(Shop shop, String disputeId, String filename, byte[] content)
      throws Exception {
    String boundary = "it-" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(
        ("\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n"
                + "what it shows\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    String path = "/api/v1/disputes/" + disputeId + "/attachments";
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", shop.authorization())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonHttp.Answer answer =
        new JsonHttp.Answer(
            r.statusCode(),
            r.headers().firstValue("Content-Type").orElse(""),
            r.body(),
            r.headers());
    OpenApiContract.of(base).check("POST", path, answer.status(), answer.type(), answer.body());
    return answer;
  }
}
