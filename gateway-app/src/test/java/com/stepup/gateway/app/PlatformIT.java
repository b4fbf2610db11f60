package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.glassfish.jersey.client.ClientProperties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The platform around the business modules, over HTTP against the real WAR on Payara Micro. */
@ExtendWith(ArquillianExtension.class)
class PlatformIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return GatewayDeployment.war();
  }

  @ArquillianResource URL base;

  static Client http;

  @BeforeAll
  static void client() {
    http = ClientBuilder.newBuilder().property(ClientProperties.FOLLOW_REDIRECTS, false).build();
  }

  @AfterAll
  static void close() {
    http.close();
  }

  private URI at(String path) {
    return URI.create(base.toString()).resolve(path);
  }

  @Test
  @OnEveryDatabase
  void readinessReportsTheDatabase() {
    JsonObject health = http.target(at("/health/ready")).request().get(JsonObject.class);
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getJsonArray("checks").toString()).contains("\"database\"");
    // readiness covers a console POST through the CSRF filter (once a request taught it the port)
    http.target(at("/login")).request().get().close();
    health = http.target(at("/health/ready")).request().get(JsonObject.class);
    assertThat(health.getJsonArray("checks").toString())
        .contains("\"console\"", "a console POST was refused for its token");
  }

  /**
   * Issue 28: {@code /openapi} is the source document byte for byte ({@code application/yaml}), or
   * the same document as JSON; not Payara's copy with its {@code endpoints} map.
   */
  @Test
  void theOpenApiDocumentServedIsTheSourceFileExactly() throws Exception {
    String source = Files.readString(OpenApiDocumentTest.SOURCE);
    try (Response r = http.target(at("/openapi")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getMediaType().toString()).startsWith("application/yaml");
      assertThat(r.readEntity(String.class)).isEqualTo(source);
    }
    try (Response r = http.target(at("/openapi")).request("application/json").get()) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getMediaType().toString()).startsWith("application/json");
      assertThat(new ObjectMapper().readTree(r.readEntity(String.class)))
          .isEqualTo(OpenApiDocumentTest.document());
    }
    // the document every IT answer is checked against is that one too
    assertThat(OpenApiContract.of(base).document()).isEqualTo(OpenApiDocumentTest.document());
    try (Response page = http.target(at("/docs/api")).request().get()) {
      assertThat(page.getStatus()).isEqualTo(200);
      assertThat(page.readEntity(String.class)).contains("swagger-ui-bundle.js");
    }
  }

  @Test
  void theConsoleAsksStrangersToLogIn() {
    try (Response r = http.target(at("/console")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(302);
      assertThat(r.getLocation().getPath()).isEqualTo("/login");
    }
    try (Response r = http.target(at("/")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(303);
      assertThat(r.getLocation().getPath()).isEqualTo("/console");
    }
  }

  @Test
  void aLoginWithoutTheCsrfTokenIsRefused() {
    Form form =
        new Form()
            .param("username", GatewayDeployment.ADMIN_USER)
            .param("password", GatewayDeployment.ADMIN_PASSWORD);
    try (Response r = http.target(at("/login")).request().post(Entity.form(form))) {
      assertThat(r.getStatus()).isEqualTo(403);
      assertThat(r.readEntity(String.class)).doesNotContain("Exception").doesNotContain("at com.");
    }
  }

  @Test
  void theAdminApiNeedsAPlatformAdminAndAnswersProblemJson() {
    try (Response r = http.target(at("/api/v1/admin/merchants")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(401);
      assertThat(r.getMediaType().toString()).startsWith("application/problem+json");
      assertThat(r.getHeaderString("WWW-Authenticate")).startsWith("Basic");
      assertThat(r.readEntity(JsonObject.class).getInt("status")).isEqualTo(401);
    }
    try (Response r =
        http.target(at("/api/v1/admin/merchants"))
            .request()
            .header("Authorization", basic(GatewayDeployment.ADMIN_USER, "wrong"))
            .get()) {
      assertThat(r.getStatus()).isEqualTo(401);
    }
  }

  @Test
  void unknownPathsAreProblemJsonOnTheApiAndAPageElsewhere() {
    try (Response r = http.target(at("/api/v1/no-such-thing")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(404);
      assertThat(r.getMediaType().toString()).startsWith("application/problem+json");
      JsonObject problem = r.readEntity(JsonObject.class);
      assertThat(problem.getInt("status")).isEqualTo(404);
      assertThat(problem.getString("title")).isEqualTo("Not Found");
    }
    try (Response r = http.target(at("/no-such-page")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(404);
      assertThat(r.readEntity(String.class)).contains("data-testid=\"error-page\"");
    }
  }

  @Test
  void metricsAreForTheTokensBearerAloneAndInBaseUnits() {
    for (String path : List.of("/metrics", "/metrics/application", "/metrics/base")) {
      try (Response r = http.target(at(path)).request().get()) {
        assertThat(r.getStatus()).as(path + " without the token").isEqualTo(401);
        assertThat(r.readEntity(String.class)).doesNotContain("payments_qr_open");
      }
      try (Response r =
          http.target(at(path)).request().header("Authorization", "Bearer wrong-token").get()) {
        assertThat(r.getStatus()).as(path + " with another token").isEqualTo(401);
      }
    }
    try (Response r =
        http.target(at("/metrics"))
            .request()
            .header("Authorization", "Bearer " + WebhooksIT.METRICS_TOKEN)
            .get()) {
      assertThat(r.getStatus()).isEqualTo(200);
      String text = r.readEntity(String.class);
      assertThat(text).contains("payments_qr_open", "payments_janitor_runs_total");
      assertThat(text.lines().filter(l -> !l.startsWith("#")).map(l -> l.split("[{ ]")[0]))
          .as("every latency is in seconds: no metric is named in ms")
          .noneMatch(name -> name.endsWith("_ms") || name.contains("_ms_"));
    }
  }

  @Test
  void theKlarnaClientIsNoEndpointOfTheGateway() {
    for (String path :
        List.of(
            "/v2/accounts/x/payment/authorize",
            "/v2/accounts/x/stores",
            "/v2/notification/webhooks")) {
      try (Response r = http.target(at(path)).request().post(Entity.json("{}"))) {
        assertThat(r.getStatus()).as(path).isEqualTo(404);
      }
    }
    try (Response r = http.target(at("/v2/accounts/x/payment/requests/y")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(404);
    }
    try (Response r = http.target(at("/application.wadl")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(404);
    }
  }

  @Test
  void theJsonApisTakeJsonOnly() {
    PaymentsIT.Shop shop = PaymentsIT.shop(base);
    String body = PaymentsIT.online(5000, "typed");
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
      try (Response r =
          http.target(at("/api/v1/payments"))
              .request()
              .header("Authorization", shop.authorization())
              .post(Entity.entity(body, type))) {
        assertThat(r.getStatus()).as(type).isEqualTo(415);
        assertThat(r.getMediaType().toString()).startsWith("application/problem+json");
        assertThat(r.readEntity(JsonObject.class).getString("detail")).contains("application/json");
      }
    }
    assertThat(shop.api().get("/api/v1/payments?reference=typed").json().getInt("total"))
        .as("nothing was created")
        .isZero();
    try (Response r =
        http.target(at("/api/v1/admin/merchants"))
            .request()
            .header(
                "Authorization",
                basic(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD))
            .post(Entity.text("{\"name\":\"x\",\"klarna_partner_account_id\":\"krn:y\"}"))) {
      assertThat(r.getStatus()).as("the admin API too").isEqualTo(415);
    }
    assertThat(shop.api().post("/api/v1/payments", body).status()).isEqualTo(201);
  }

  /**
   * Sends the request head and then {@code body} bytes at {@code bytesPerSecond} (all at once when
   * 0) on a raw socket, answering the status line.
   */
  private String raw(String head, long bodyBytes, int bytesPerSecond) throws Exception {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      var out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread sender =
          new Thread(
              () -> {
                byte[] chunk = new byte[bytesPerSecond > 0 ? bytesPerSecond : 64 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                try {
                  for (long sent = 0; sent < bodyBytes; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, bodyBytes - sent));
                    if (bytesPerSecond > 0) {
                      out.flush();
                      Thread.sleep(1000);
                    }
                  }
                } catch (Exception closed) {
                  // the gateway answered and closed: that is the point
                }
              });
      sender.setDaemon(true);
      sender.start();
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      return in.readLine();
    }
  }

  @Test
  void noBodyCanExhaustTheHeapOrHoldAThread() throws Exception {
    String host = "Host: " + base.getHost() + ":" + base.getPort() + "\r\n";
    long started = System.nanoTime();
    assertThat(
            raw(
                "POST /login HTTP/1.1\r\n"
                    + host
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 104857600\r\n\r\n",
                104_857_600,
                0))
        .as("100 MB of form to the login page, unauthenticated")
        .contains(" 413");
    assertThat(
            raw(
                "POST /api/v1/payments HTTP/1.1\r\n"
                    + host
                    + "Authorization: Bearer sk_whatever\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(150 * 1024 * 1024)
                    + "\r\n",
                150L * 1024 * 1024,
                0))
        .as("150 MB of chunked JSON")
        .contains(" 413");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    // a body that trickles in (10 bytes a second) is cut off after gateway.http.body-read-ms (2 s)
    long slow = System.nanoTime();
    assertThat(
            raw(
                "POST /webhooks/klarna HTTP/1.1\r\n"
                    + host
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
                1000,
                10))
        .contains(" 408");
    assertThat(Duration.ofNanos(System.nanoTime() - slow)).isLessThan(Duration.ofSeconds(8));
    // and the gateway is as it was
    JsonObject health = http.target(at("/health/ready")).request().get(JsonObject.class);
    assertThat(health.getString("status")).isEqualTo("UP");
  }

  @Test
  void theServerListensOnItsHttpPortAlone() throws Exception {
    // the gateway runs on Linux (CI is Debian): without /proc this fails, it is never skipped
    assertThat(Path.of("/proc/net/tcp")).as("Linux /proc").isReadable();
    var listeners = ListeningPorts.ofProcessListeningOn(base.getPort());
    assertThat(listeners).as("the server's process").isPresent();
    // no data grid (Hazelcast 5701/6900, multicast 54327), no admin or debug port: HTTP alone
    assertThat(listeners.get())
        .as("what the server listens on")
        .containsExactly(new ListeningPorts.Listener("tcp", base.getPort()));
  }

  @Test
  void threeHundredStalledBodiesLeaveTheServerResponsiveAndNoneIsA500() throws Exception {
    String head =
        "POST /api/v1/payments HTTP/1.1\r\nHost: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{";
    var health =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    var slowest = new AtomicLong();
    var unhealthy = new ConcurrentLinkedQueue<String>();
    var stop = new AtomicBoolean();
    Thread watcher =
        new Thread(
            () -> {
              while (!stop.get()) {
                long t = System.nanoTime();
                try {
                  int status =
                      health
                          .send(
                              HttpRequest.newBuilder(at("/health/ready"))
                                  .timeout(Duration.ofMillis(1500))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode();
                  if (status != 200) {
                    unhealthy.add("status " + status);
                  }
                } catch (Exception e) {
                  unhealthy.add(e.toString());
                }
                slowest.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    // a first round, not measured: the stalled-body path and the health check warmed up, so a
    // cold server's first compilations are not taken for a blocked one
    List<Socket> warmUp = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      var socket = new Socket(base.getHost(), base.getPort());
      socket.setSoTimeout(25_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      warmUp.add(socket);
    }
    for (var socket : warmUp) {
      socket.getInputStream().read();
      socket.close();
    }
    for (int i = 0; i < 5; i++) {
      health.send(
          HttpRequest.newBuilder(at("/health/ready")).build(),
          HttpResponse.BodyHandlers.discarding());
    }
    List<Socket> stalled = new ArrayList<>();
    watcher.start();
    try {
      long started = System.nanoTime();
      for (int i = 0; i < 300; i++) {
        var socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(25_000);
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        stalled.add(socket);
      }
      int cutOff = 0;
      int busy = 0;
      for (var socket : stalled) {
        String status =
            new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        if (status != null && status.contains(" 408")) {
          cutOff++;
        } else if (status != null && status.contains(" 503")) {
          busy++; // past gateway.http.slow-bodies: refused at once, the thread kept for others
        }
      }
      assertThat(cutOff + busy)
          .as("each stalled body answered 408 or 503, never 500")
          .isEqualTo(300);
      assertThat(cutOff).as("the ones given a place were cut off").isPositive();
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("at the listener's read time-out (10 s), not Grizzly's 30 s")
          .isLessThan(Duration.ofSeconds(20));
    } finally {
      stop.set(true);
      watcher.join();
      for (var socket : stalled) {
        socket.close();
      }
    }
    assertThat(unhealthy).as("/health/ready while 300 bodies stalled").isEmpty();
    // a health check held behind the stalled bodies would wait for their cut-off (2 s here)
    assertThat(slowest.get()).as("slowest /health/ready, ms").isLessThan(1500);
  }

  /** Opens a payment's event stream on a raw socket, answering the socket and the answer's head. */
  private Map.Entry<Socket, String> stream(PaymentsIT.Shop shop, String id) throws Exception {
    var socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout(10_000);
    socket
        .getOutputStream()
        .write(
            ("GET /api/v1/payments/"
                    + id
                    + "/events HTTP/1.1\r\nHost: "
                    + base.getHost()
                    + ":"
                    + base.getPort()
                    + "\r\nAuthorization: "
                    + shop.authorization()
                    + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    var in = socket.getInputStream();
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.append((char) c);
    }
    return Map.entry(socket, head.toString());
  }

  @Test
  void eventStreamsAreCappedAndAVanishedClientGivesItsPlaceBack() throws Exception {
    PaymentsIT.Shop shop = PaymentsIT.shop(base);
    String id =
        shop.api()
            .post("/api/v1/payments", PaymentsIT.online(5000, "streams"))
            .json()
            .getString("id");
    List<Socket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) { // payments.stream.max-per-payment
        var s = stream(shop, id);
        open.add(s.getKey());
        assertThat(s.getValue()).as("stream " + i).startsWith("HTTP/1.1 200");
      }
      var sixth = stream(shop, id);
      sixth.getKey().close();
      assertThat(sixth.getValue())
          .startsWith("HTTP/1.1 429")
          .containsIgnoringCase("Retry-After: ")
          .containsIgnoringCase("application/problem+json");
      // the clients go away without a word; the heartbeat finds them and their places come back
      for (var socket : open) {
        socket.close();
      }
      open.clear();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (open.size() < 5) {
        var s = stream(shop, id);
        if (s.getValue().startsWith("HTTP/1.1 200")) {
          open.add(s.getKey());
        } else {
          s.getKey().close();
          assertThat(System.nanoTime())
              .as("all five places back within a minute")
              .isLessThan(deadline);
          Thread.sleep(1000);
        }
      }
    } finally {
      for (var socket : open) {
        socket.close();
      }
    }
  }

  /** The answer's head to a raw GET with the given Host. */
  private String rawGet(String path, String host) throws Exception {
    try (var socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = answer.indexOf("\r\n\r\n");
      return end < 0 ? answer : answer.substring(0, end);
    }
  }

  @Test
  void noAnswerNamesTheServerOrEchoesAForgedHost() throws Exception {
    for (String path :
        List.of("/console", "/login", "/health/ready", "/no-such-page", "/api/v1/payments")) {
      String head = rawGet(path, "evil.example");
      assertThat(head).as(path).doesNotContainIgnoringCase("\r\nServer:");
      assertThat(head).as(path).doesNotContainIgnoringCase("payara");
      assertThat(head).as(path).doesNotContain("evil.example");
    }
    assertThat(rawGet("/console", "evil.example"))
        .as("the container's login redirect stays relative")
        .startsWith("HTTP/1.1 302")
        .contains("Location: /login");
  }

  @Test
  void theSessionCookieIsSameSiteAndNeverInTheUrl() {
    try (Response r = http.target(at("/login")).request().get()) {
      String cookie = r.getHeaderString("Set-Cookie");
      assertThat(cookie)
          .startsWith("JSESSIONID=")
          .containsIgnoringCase("SameSite=Lax")
          .contains("HttpOnly");
      assertThat(r.readEntity(String.class)).doesNotContain(";jsessionid=");
    }
    try (Response r = http.target(at("/login;jsessionid=0123456789abcdef")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(400);
    }
    try (Response r = http.target(at("/login")).request().get()) {
      assertThat(r.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.getHeaderString("Referrer-Policy")).isEqualTo("same-origin");
    }
  }

  @Test
  void anotherSitesPostIsRefusedBeforeAnythingRuns() {
    // the JDK's HttpURLConnection drops an Origin header silently: java.net.http sends it
    JsonHttp.Answer admin =
        admin()
            .send(
                "POST",
                "/api/v1/admin/merchants",
                "{\"name\":\"x\",\"klarna_partner_account_id\":\"krn:x\"}",
                Map.of("Origin", "https://evil.example"));
    assertThat(admin.status()).as(admin.toString()).isEqualTo(403);
    assertThat(admin.type()).startsWith("application/problem+json");
    JsonHttp.Answer partner =
        PaymentsIT.shop(base)
            .api()
            .send(
                "POST",
                "/api/v1/payments",
                PaymentsIT.online(5000, "cross"),
                Map.of("Origin", "https://evil.example"));
    assertThat(partner.status()).as(partner.toString()).isEqualTo(403);
    try (Response r =
        http.target(at("/login"))
            .request()
            .header("Sec-Fetch-Site", "cross-site")
            .post(Entity.form(new Form().param("username", "admin")))) {
      assertThat(r.getStatus()).isEqualTo(403);
    }
    assertThat(
            admin()
                .send(
                    "POST",
                    "/api/v1/admin/merchants",
                    "{\"name\":\"y\",\"klarna_partner_account_id\":\"krn:y\"}",
                    Map.of("Origin", base.toString().replaceAll("/$", "")))
                .status())
        .as("the gateway's own origin")
        .isEqualTo(201);
  }

  /** A browser-like console session: the login page's CSRF token, the form, the cookie. */
  /** Logs in; {@code expected} 303 for a login, or the status of the page that says why not. */
  private HttpClient consoleSession(String user, String password, int expected) throws Exception {
    return consoleSession(user, password, expected, null);
  }

  private HttpClient consoleSession(String user, String password, int expected, String message)
      throws Exception {
    return consoleSession(user, password, expected, message, null);
  }

  /** A console login, from {@code forwardedFor} behind the trusted proxy when not null. */
  private HttpClient consoleSession(
      String user, String password, int expected, String message, String forwardedFor)
      throws Exception {
    var client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String page =
        client
            .send(
                HttpRequest.newBuilder(at("/login")).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("a CSRF token on the login page").isTrue();
    String form =
        "_csrf="
            + m.group(1)
            + "&username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    var login =
        client.send(
            HttpRequest.newBuilder(at("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", forwardedFor == null ? "127.0.0.1" : forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(user + " logs in").isEqualTo(expected);
    if (message != null) {
      assertThat(login.body()).contains(message);
    }
    return client;
  }

  private int console(HttpClient session) throws Exception {
    return session
        .send(
            HttpRequest.newBuilder(at("/console")).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private JsonHttp admin() {
    return new JsonHttp(
        base, basic(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD));
  }

  @Test
  @OnEveryDatabase
  void suspendingAMerchantOrDisablingAUserEndsTheirSessions() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    JsonHttp.Answer merchant =
        admin()
            .post(
                "/api/v1/admin/merchants",
                "{\"name\":\"Suspended "
                    + tag
                    + "\",\"klarna_partner_account_id\":\"krn:x:"
                    + tag
                    + "\"}");
    String merchantId = merchant.json().getString("id");
    String user = "ma-" + tag;
    assertThat(
            admin()
                .post(
                    "/api/v1/admin/users",
                    "{\"username\":\""
                        + user
                        + "\",\"password\":\"correct-horse-battery\","
                        + "\"role\":\"MERCHANT_ADMIN\",\"merchant_id\":\""
                        + merchantId
                        + "\"}")
                .status())
        .isEqualTo(201);
    var session = consoleSession(user, "correct-horse-battery", 303);
    assertThat(console(session)).isEqualTo(200);
    assertThat(
            admin()
                .send(
                    "PATCH",
                    "/api/v1/admin/merchants/" + merchantId,
                    "{\"status\":\"suspended\"}",
                    Map.of())
                .status())
        .isEqualTo(200);
    assertThat(console(session)).as("the suspended merchant's admin is out").isEqualTo(302);
    // told why (issue 29), not "not correct", which invites retries into the lockout; a wrong
    // password is still just wrong
    consoleSession(user, "correct-horse-battery", 200, "account is suspended");
    consoleSession(user, "wrong-horse-battery", 200, "The username or password is not correct.");
    assertThat(
            admin()
                .send(
                    "PATCH",
                    "/api/v1/admin/merchants/" + merchantId,
                    "{\"status\":\"active\"}",
                    Map.of())
                .status())
        .isEqualTo(200);
    session = consoleSession(user, "correct-horse-battery", 303);
    assertThat(
            admin()
                .send(
                    "PATCH",
                    "/api/v1/admin/users/" + user,
                    "{\"password\":\"another-horse-battery\"}",
                    Map.of())
                .status())
        .isEqualTo(200);
    assertThat(console(session)).as("a reset password ends the session").isEqualTo(302);
    session = consoleSession(user, "another-horse-battery", 303);
    assertThat(
            admin()
                .send("PATCH", "/api/v1/admin/users/" + user, "{\"enabled\":false}", Map.of())
                .status())
        .isEqualTo(200);
    assertThat(console(session)).as("a disabled user is out").isEqualTo(302);
    assertThat(admin().send("DELETE", "/api/v1/admin/users/" + user, null, Map.of()).status())
        .isEqualTo(204);
    assertThat(
            admin()
                .send(
                    "DELETE", "/api/v1/admin/users/" + GatewayDeployment.ADMIN_USER, null, Map.of())
                .status())
        .as("not yourself")
        .isEqualTo(409);
  }

  @Test
  @OnEveryDatabase
  void aStoreManagerSeesAndActsOnTheirStoresOnlyAndDoesNoAdminWork() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    JsonHttp.Answer merchant =
        admin()
            .post(
                "/api/v1/admin/merchants",
                "{\"name\":\"Two Stores "
                    + tag
                    + "\",\"klarna_partner_account_id\":\"krn:partner:global:account:test:"
                    + tag
                    + "\"}");
    assertThat(merchant.status()).as(merchant.toString()).isEqualTo(201);
    String merchantId = merchant.json().getString("id");
    JsonHttp api = new JsonHttp(base, "Bearer " + merchant.json().getString("api_key"));
    String mine =
        api.post(
                "/api/v1/stores",
                "{\"type\":\"PHYSICAL_STORE\",\"store_reference\":\"store-001\",\"name\":\"Main"
                    + " St\",\"address\":{\"street_address\":\"800 N. High St\",\"postal_code\":"
                    + "\"43215\",\"city\":\"Columbus\",\"region\":\"OH\",\"country\":\"US\"}}")
            .json()
            .getString("id");
    assertThat(
            api.post(
                    "/api/v1/stores/" + mine + "/terminals",
                    "{\"terminal_reference\":\"till-7\",\"name\":\"Till 7\",\"has_display\":true}")
                .status())
        .isEqualTo(201);
    String theirs =
        api.post(
                "/api/v1/stores",
                "{\"type\":\"WEBSITE\",\"store_reference\":\"web-001\",\"name\":\"Shop\","
                    + "\"url\":\"https://shoes.example\"}")
            .json()
            .getString("id");
    String atMine =
        api.post("/api/v1/payments", PaymentsIT.inStore(1200, "sm-" + tag)).json().getString("id");
    String atTheirs =
        api.post("/api/v1/payments", PaymentsIT.online(1300, "sm-web-" + tag))
            .json()
            .getString("id");
    PaymentsIT.Shop other = PaymentsIT.shop(base);
    String elsewhere =
        other
            .api()
            .post("/api/v1/payments", PaymentsIT.inStore(1400, "sm-x"))
            .json()
            .getString("id");

    String user = "store-" + tag;
    String password = "store-manager-password";
    String body =
        "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"STORE_MANAGER\",\"merchant_id\":\"%s\"%s}";
    assertThat(
            admin()
                .post("/api/v1/admin/users", body.formatted(user, password, merchantId, ""))
                .status())
        .as("a store manager without stores")
        .isEqualTo(400);
    assertThat(
            admin()
                .post(
                    "/api/v1/admin/users",
                    body.formatted(user, password, merchantId, ",\"store_ids\":[\"sto_nope\"]"))
                .status())
        .as("a store that is not the merchant's")
        .isEqualTo(400);
    JsonHttp.Answer created =
        admin()
            .post(
                "/api/v1/admin/users",
                body.formatted(user, password, merchantId, ",\"store_ids\":[\"" + mine + "\"]"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.body()).contains(mine);

    var session = consoleSession(user, password, 303);
    Function<String, HttpResponse<String>> get =
        path -> {
          try {
            return session.send(
                HttpRequest.newBuilder(at(path)).build(), HttpResponse.BodyHandlers.ofString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    assertThat(get.apply("/console").headers().firstValue("Location").orElse(""))
        .as("the merchant's dashboard is not theirs: their payments are")
        .endsWith("console/payments");
    String list = get.apply("/console/payments").body();
    assertThat(list).contains(atMine).doesNotContain(atTheirs).doesNotContain(elsewhere);
    assertThat(get.apply("/console/payments?store=web-001").body()).doesNotContain(atTheirs);
    assertThat(get.apply("/console/payments-data/export.csv").body())
        .contains(atMine)
        .doesNotContain(atTheirs);
    var page = get.apply("/console/payments/" + atMine);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(get.apply("/console/payments/" + atTheirs).statusCode())
        .as("another store's payment")
        .isEqualTo(404);
    assertThat(get.apply("/console/payments/" + elsewhere).statusCode())
        .as("another merchant's payment")
        .isEqualTo(404);
    var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).isTrue();
    Function<String, Integer> post =
        path -> {
          try {
            return session
                .send(
                    HttpRequest.newBuilder(at(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "_csrf=" + csrf.group(1) + "&confirmed=true"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    assertThat(post.apply("/console/payments/" + atTheirs + "/cancel"))
        .as("acting on another store's payment")
        .isEqualTo(404);
    assertThat(post.apply("/console/payments/" + elsewhere + "/cancel")).isEqualTo(404);
    assertThat(post.apply("/console/payments/" + atMine + "/cancel"))
        .as("acting on their own store's")
        .isEqualTo(303);
    assertThat(api.get("/api/v1/payments/" + atTheirs).json().getString("status"))
        .isEqualTo("pending");
    assertThat(get.apply("/console/stores").body()).contains("store-001").doesNotContain("web-001");
    assertThat(get.apply("/console/stores/" + theirs).statusCode()).isEqualTo(404);
    assertThat(get.apply("/console/terminals").body()).contains("till-7");
    for (String adminPage :
        List.of(
            "/console/merchants/" + merchantId,
            "/console/merchants",
            "/console/users",
            "/console/audit",
            "/console/disputes",
            "/console/payouts",
            "/console/deliveries",
            "/console/reconciliation")) {
      assertThat(get.apply(adminPage).statusCode()).as(adminPage).isEqualTo(403);
    }
    assertThat(post.apply("/console/merchants/" + merchantId + "/users")).isEqualTo(403);
    assertThat(post.apply("/console/stores/" + mine + "/terminals")).isEqualTo(403);
    assertThat(new JsonHttp(base, basic(user, password)).get("/api/v1/admin/merchants").status())
        .as("the admin API")
        .isEqualTo(403);

    // a platform admin requires a second factor of this merchant's users on its console page
    var platform =
        consoleSession(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD, 303);
    String merchantPage =
        platform
            .send(
                HttpRequest.newBuilder(at("/console/merchants/" + merchantId)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    var token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(merchantPage);
    assertThat(token.find()).isTrue();
    var required =
        platform.send(
            HttpRequest.newBuilder(at("/console/merchants/" + merchantId + "/two-factor"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "_csrf=" + token.group(1) + "&required=true"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(required.statusCode()).isEqualTo(303);
    assertThat(admin().get("/api/v1/admin/two-factor/merchants").body()).contains(merchantId);
    assertThat(
            platform
                .send(
                    HttpRequest.newBuilder(at("/console/users")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
        .as("the platform's list of merchants whose users must have one")
        .contains("Two Stores " + tag);
    assertThat(auditPage("?action=two-factor.require")).contains(merchantId);
    var again = consoleSession(user, password, 303);
    assertThat(
            again
                .send(
                    HttpRequest.newBuilder(at("/console/payments")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .as("the password alone no longer logs the store manager in")
        .isEqualTo(302);
  }

  @Test
  @OnEveryDatabase
  void guessingPasswordsLocksTheAccountAndIsAudited() throws Exception {
    String user = "guess-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            admin()
                .post(
                    "/api/v1/admin/users",
                    "{\"username\":\""
                        + user
                        + "\",\"password\":\"correct-horse-battery\",\"role\":\"PLATFORM_ADMIN\"}")
                .status())
        .isEqualTo(201);
    JsonHttp wrong = new JsonHttp(base, basic(user, "wrong-password-x"));
    JsonHttp right = new JsonHttp(base, basic(user, "correct-horse-battery"));
    // the address behind the trusted proxy (127.0.0.1 in the ITs) is what counts
    var guesser = Map.of("X-Forwarded-For", "203.0.113.66");
    for (int i = 0; i < 4; i++) {
      assertThat(wrong.send("GET", "/api/v1/admin/merchants", null, guesser).status())
          .isEqualTo(401);
    }
    JsonHttp.Answer locked = right.send("GET", "/api/v1/admin/merchants", null, guesser);
    assertThat(locked.status()).as("the right password, too soon").isEqualTo(429);
    assertThat(locked.header("Retry-After")).isEqualTo("1");
    assertThat(
            right
                .send(
                    "GET",
                    "/api/v1/admin/merchants",
                    null,
                    Map.of("X-Forwarded-For", "198.51.100.20"))
                .status())
        .as("the same account from another address is not held")
        .isEqualTo(200);
    Thread.sleep(1100);
    assertThat(wrong.send("GET", "/api/v1/admin/merchants", null, guesser).status()).isEqualTo(401);
    assertThat(right.send("GET", "/api/v1/admin/merchants", null, guesser).status())
        .as("waits longer now")
        .isEqualTo(429);
    consoleSession(user, "correct-horse-battery", 200, "Too many wrong passwords", "203.0.113.66");
    var session =
        consoleSession(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD, 303);
    String audit =
        session
            .send(
                HttpRequest.newBuilder(at("/console/audit")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(audit).contains("login.locked", user);
  }

  @Test
  @OnEveryDatabase
  void pastTheDelaysAGuesserIsChallengedAndTheRightPasswordWithAnAnswerStillGetsIn()
      throws Exception {
    String user = "puzzle-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            admin()
                .post(
                    "/api/v1/admin/users",
                    "{\"username\":\""
                        + user
                        + "\",\"password\":\"correct-horse-battery\",\"role\":\"PLATFORM_ADMIN\"}")
                .status())
        .isEqualTo(201);
    JsonHttp wrong = new JsonHttp(base, basic(user, "wrong-password-x"));
    JsonHttp right = new JsonHttp(base, basic(user, "correct-horse-battery"));
    var from = Map.of("X-Forwarded-For", "203.0.113.88");
    // three free, then four delayed (1, 2, 4, 8 s)
    for (int i = 0; i < 7; i++) {
      JsonHttp.Answer a = wrong.send("GET", "/api/v1/admin/merchants", null, from);
      assertThat(a.status()).as("try " + (i + 1)).isEqualTo(401);
      if (i >= 3) {
        Thread.sleep(1000L * (1L << (i - 3)) + 100);
      }
    }
    // now not refused, challenged: the password is not even looked at without an answer
    JsonHttp.Answer challenged = right.send("GET", "/api/v1/admin/merchants", null, from);
    assertThat(challenged.status()).as(challenged.toString()).isEqualTo(401);
    String puzzle = challenged.header("Gateway-Challenge");
    assertThat(puzzle).isNotBlank();
    assertThat(challenged.body()).contains("Gateway-Challenge-Answer");
    JsonHttp.Answer wrongAnswer =
        right.send(
            "GET",
            "/api/v1/admin/merchants",
            null,
            Map.of(
                "X-Forwarded-For",
                "203.0.113.88",
                "Gateway-Challenge",
                puzzle,
                "Gateway-Challenge-Answer",
                String.valueOf(solve(puzzle) + 1)));
    assertThat(wrongAnswer.status()).as("a wrong answer").isEqualTo(401);
    assertThat(wrongAnswer.header("Gateway-Challenge")).isNotEqualTo(puzzle);
    // the console's login page carries the puzzle for its script; with the answer, the user is in
    var browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String loginPage =
        browser
            .send(
                HttpRequest.newBuilder(at("/login")).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
    assertThat(csrf.find()).isTrue();
    String form =
        "_csrf=" + csrf.group(1) + "&username=" + user + "&password=correct-horse-battery";
    Function<String, HttpResponse<String>> login =
        body -> {
          try {
            return browser.send(
                HttpRequest.newBuilder(at("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Forwarded-For", "203.0.113.88")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    var asked = login.apply(form);
    assertThat(asked.statusCode())
        .as("the login page again, as for a wrong password")
        .isIn(200, 401);
    assertThat(asked.body()).contains("login-challenge.js", "data-testid=\"login-challenge\"");
    var field = Pattern.compile("<input[^>]*name=\"challenge\"[^>]*>").matcher(asked.body());
    assertThat(field.find()).as(asked.body()).isTrue();
    var value = Pattern.compile("value=\"([^\"]+)\"").matcher(field.group());
    assertThat(value.find()).isTrue();
    String pagePuzzle = value.group(1);
    var in =
        login.apply(
            form
                + "&challenge="
                + URLEncoder.encode(pagePuzzle, StandardCharsets.UTF_8)
                + "&challenge_answer="
                + solve(pagePuzzle));
    assertThat(in.statusCode()).as("the right password with the page's answer").isEqualTo(303);
    assertThat(right.send("GET", "/api/v1/admin/merchants", null, from).status())
        .as("cleared by the right password")
        .isEqualTo(200);
  }

  /** A number n such that SHA-256 of puzzle:n starts with 16 zero bits (what a browser does). */
  private static long solve(String puzzle) throws Exception {
    var sha = MessageDigest.getInstance("SHA-256");
    for (long n = 0; ; n++) {
      byte[] h = sha.digest((puzzle + ":" + n).getBytes(StandardCharsets.UTF_8));
      if (h[0] == 0 && h[1] == 0) {
        return n;
      }
    }
  }

  @Test
  void parserEdgeCasesAreA400AndHeadersGiveNothingAway() throws Exception {
    PaymentsIT.Shop shop = PaymentsIT.shop(base);
    for (String body :
        List.of(
            "[".repeat(2000) + "]".repeat(2000),
            "{\"amount\":1" + "0".repeat(1200) + "}",
            "{\"amount\":100,\"amount\":200}",
            "{\"amount\":100} and more")) {
      JsonHttp.Answer a = shop.api().post("/api/v1/payments", body);
      assertThat(a.status()).as(body.substring(0, Math.min(40, body.length()))).isEqualTo(400);
      assertThat(a.type()).startsWith("application/problem+json");
    }
    assertThat(shop.api().get("/api/v1/payments?page=2147483647").status()).isEqualTo(400);
    assertThat(shop.api().get("/api/v1/payments?page=99999").status()).isEqualTo(200);
    // a forged Host does not end up in Location
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      String body = PaymentsIT.online(5000, "host");
      String head =
          "POST /api/v1/payments HTTP/1.1\r\nHost: evil.example\r\nAuthorization: "
              + shop.authorization()
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.getBytes(StandardCharsets.UTF_8).length
              + "\r\nConnection: close\r\n\r\n"
              + body;
      socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 201");
      assertThat(answer).doesNotContain("evil.example");
      assertThat(answer).containsIgnoringCase("Location: /api/v1/payments/pay_");
    }
    try (Response r = http.target(at("/login")).request().get()) {
      assertThat(r.getHeaderString("Content-Security-Policy"))
          .contains("default-src 'self'", "frame-ancestors 'none'");
      assertThat(r.getHeaderString("Server")).isNull();
      assertThat(String.valueOf(r.getHeaderString("X-Powered-By")))
          .doesNotContainIgnoringCase("payara");
    }
  }

  @Test
  @OnEveryDatabase
  void scriptsUseAnAdminTokenInsteadOfAPassword() {
    JsonHttp.Answer issued = admin().post("/api/v1/admin/tokens", "{\"label\":\"ci\"}");
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    String token = issued.json().getString("token");
    assertThat(token).startsWith("adm_");
    JsonHttp script = new JsonHttp(base, "Bearer " + token);
    assertThat(script.get("/api/v1/admin/merchants").status()).isEqualTo(200);
    assertThat(admin().get("/api/v1/admin/tokens").body())
        .contains(issued.json().getString("prefix"))
        .doesNotContain(token);
    assertThat(new JsonHttp(base, "Bearer adm_not-a-token").get("/api/v1/admin/merchants").status())
        .isEqualTo(401);
    assertThat(
            admin()
                .send(
                    "DELETE",
                    "/api/v1/admin/tokens/" + issued.json().getString("id"),
                    null,
                    Map.of())
                .status())
        .isEqualTo(204);
    assertThat(script.get("/api/v1/admin/merchants").status()).as("revoked").isEqualTo(401);
  }

  @Test
  @OnEveryDatabase
  void anEnrolledAdminsBasicLoginNeedsAOneTimeCodeAndEachCodeWorksOnce() throws Exception {
    String name = "otp-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "otp-admin-password";
    JsonHttp.Answer created =
        admin()
            .post(
                "/api/v1/admin/users",
                "{\"username\":\""
                    + name
                    + "\",\"password\":\""
                    + password
                    + "\",\"role\":\"PLATFORM_ADMIN\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonHttp me = new JsonHttp(base, basic(name, password));
    assertThat(me.get("/api/v1/admin/merchants").status())
        .as("no second factor yet")
        .isEqualTo(200);
    assertThat(me.get("/api/v1/admin/two-factor").json().getBoolean("enrolled")).isFalse();

    // enrolment: a secret and its otpauth URI, then a first code from the "app"
    JsonHttp.Answer begun = me.post("/api/v1/admin/two-factor", null);
    assertThat(begun.status()).as(begun.toString()).isEqualTo(200);
    String secret = begun.json().getString("secret");
    assertThat(begun.json().getString("otpauth_uri"))
        .startsWith("otpauth://totp/")
        .contains("secret=" + secret);
    long step = TestTotp.step();
    JsonHttp.Answer wrong =
        me.post(
            "/api/v1/admin/two-factor/confirm",
            "{\"code\":\"" + TestTotp.code(secret, step + 5) + "\"}");
    assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
    JsonHttp.Answer confirmed =
        me.post(
            "/api/v1/admin/two-factor/confirm",
            "{\"code\":\"" + TestTotp.code(secret, step) + "\"}");
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    var recovery = confirmed.json().getJsonArray("recovery_codes");
    assertThat(recovery).hasSize(10);
    assertThat(me.post("/api/v1/admin/two-factor", null).status())
        .as("enrolled: the password alone is refused")
        .isEqualTo(401);

    // the password alone no longer does
    JsonHttp.Answer bare = me.get("/api/v1/admin/merchants");
    assertThat(bare.status()).as(bare.toString()).isEqualTo(401);
    assertThat(bare.type()).startsWith("application/problem+json");
    assertThat(bare.body()).contains("Gateway-OTP");
    // with a code it does, once
    String next = TestTotp.code(secret, step + 1);
    assertThat(
            me.send("GET", "/api/v1/admin/merchants", null, Map.of("Gateway-OTP", next)).status())
        .isEqualTo(200);
    assertThat(
            me.send("GET", "/api/v1/admin/merchants", null, Map.of("Gateway-OTP", next)).status())
        .as("the same code again")
        .isEqualTo(401);
    assertThat(
            me.send(
                    "GET",
                    "/api/v1/admin/merchants",
                    null,
                    Map.of("Gateway-OTP", TestTotp.code(secret, step)))
                .status())
        .as("the enrolment's code, earlier still")
        .isEqualTo(401);
    // a recovery code works once, and with it a script gets a token to use from then on
    String rescue = recovery.getString(0);
    JsonHttp.Answer issued =
        me.send(
            "POST", "/api/v1/admin/tokens", "{\"label\":\"otp\"}", Map.of("Gateway-OTP", rescue));
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    assertThat(
            me.send("GET", "/api/v1/admin/merchants", null, Map.of("Gateway-OTP", rescue)).status())
        .as("a recovery code twice")
        .isEqualTo(401);
    JsonHttp script = new JsonHttp(base, "Bearer " + issued.json().getString("token"));
    assertThat(script.get("/api/v1/admin/merchants").status()).isEqualTo(200);
    assertThat(script.get("/api/v1/admin/merchants").status()).isEqualTo(200);

    // another platform admin removes the factor (a lost phone): the password alone does again
    assertThat(admin().delete("/api/v1/admin/users/" + name + "/two-factor").status())
        .isEqualTo(204);
    assertThat(me.get("/api/v1/admin/merchants").status()).isEqualTo(200);

    // the enrolment, the recovery code and the removal are in the audit, each by whom it was
    String audit = auditPage("?user=" + name + "&action=two-factor.");
    assertThat(audit)
        .contains(
            "Turned on a second factor", "Logged in with a recovery code", "9 recovery codes left");
    assertThat(auditPage("?user=" + GatewayDeployment.ADMIN_USER + "&action=two-factor.remove"))
        .contains("Removed a user", "second factor", name);
  }

  /** The console's audit page, as the ITs' platform admin sees it. */
  private String auditPage(String query) throws Exception {
    return consoleSession(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD, 303)
        .send(
            HttpRequest.newBuilder(at("/console/audit" + query)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  @OnEveryDatabase
  void adminTokensCanBeTakenAway() throws Exception {
    String user = "tok-" + UUID.randomUUID().toString().substring(0, 8);
    String create =
        "{\"username\":\""
            + user
            + "\",\"password\":\"correct-horse-battery\",\"role\":\"PLATFORM_ADMIN\"}";
    assertThat(admin().post("/api/v1/admin/users", create).status()).isEqualTo(201);
    JsonHttp own = new JsonHttp(base, basic(user, "correct-horse-battery"));
    JsonHttp.Answer issued = own.post("/api/v1/admin/tokens", "{\"label\":\"cron\"}");
    assertThat(issued.status()).isEqualTo(201);
    assertThat(Instant.parse(issued.json().getString("expires_at")))
        .as("90 days by default")
        .isBetween(
            Instant.now().plus(Duration.ofDays(89)), Instant.now().plus(Duration.ofDays(91)));
    String tokenId = issued.json().getString("id");
    JsonHttp script = new JsonHttp(base, "Bearer " + issued.json().getString("token"));
    JsonHttp.Answer more = script.post("/api/v1/admin/tokens", "{}");
    assertThat(more.status()).as("a token does not issue tokens").isEqualTo(403);
    assertThat(more.type()).startsWith("application/problem+json");

    // the audit names the token that acted
    String other = "tok-made-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            script
                .post(
                    "/api/v1/admin/users",
                    "{\"username\":\""
                        + other
                        + "\",\"password\":\"correct-horse-battery\",\"role\":\"SUPPORT\"}")
                .status())
        .isEqualTo(201);
    var session =
        consoleSession(GatewayDeployment.ADMIN_USER, GatewayDeployment.ADMIN_PASSWORD, 303);
    String audit =
        session
            .send(
                HttpRequest.newBuilder(at("/console/audit")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(audit).contains("with token " + tokenId);

    // every platform admin sees every token, in the API and the console
    assertThat(admin().get("/api/v1/admin/tokens?all=true").body()).contains(tokenId, user);
    assertThat(admin().get("/api/v1/admin/tokens").body()).doesNotContain(tokenId);
    String page =
        session
            .send(
                HttpRequest.newBuilder(at("/console/users")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(page).contains("data-token=\"" + tokenId + "\"");

    // a reset password ends it
    assertThat(
            admin()
                .send(
                    "PATCH",
                    "/api/v1/admin/users/" + user,
                    "{\"password\":\"another-horse-battery\"}",
                    Map.of())
                .status())
        .isEqualTo(200);
    assertThat(script.get("/api/v1/admin/merchants").status()).as("password reset").isEqualTo(401);

    // so does disabling the user, for good
    own = new JsonHttp(base, basic(user, "another-horse-battery"));
    script =
        new JsonHttp(
            base, "Bearer " + own.post("/api/v1/admin/tokens", "{}").json().getString("token"));
    assertThat(script.get("/api/v1/admin/merchants").status()).isEqualTo(200);
    assertThat(
            admin()
                .send("PATCH", "/api/v1/admin/users/" + user, "{\"enabled\":false}", Map.of())
                .status())
        .isEqualTo(200);
    assertThat(script.get("/api/v1/admin/merchants").status()).as("disabled").isEqualTo(401);
    assertThat(
            admin()
                .send("PATCH", "/api/v1/admin/users/" + user, "{\"enabled\":true}", Map.of())
                .status())
        .isEqualTo(200);
    assertThat(script.get("/api/v1/admin/merchants").status()).as("enabled again").isEqualTo(401);

    // a deleted user's token does not come back with a new user of the same name
    script =
        new JsonHttp(
            base, "Bearer " + own.post("/api/v1/admin/tokens", "{}").json().getString("token"));
    assertThat(admin().send("DELETE", "/api/v1/admin/users/" + user, null, Map.of()).status())
        .isEqualTo(204);
    assertThat(admin().post("/api/v1/admin/users", create).status()).isEqualTo(201);
    assertThat(script.get("/api/v1/admin/merchants").status()).as("recreated").isEqualTo(401);

    // another platform admin revokes a token that is not theirs
    own = new JsonHttp(base, basic(user, "correct-horse-battery"));
    JsonHttp.Answer last = own.post("/api/v1/admin/tokens", "{}");
    script = new JsonHttp(base, "Bearer " + last.json().getString("token"));
    assertThat(script.get("/api/v1/admin/merchants").status()).isEqualTo(200);
    assertThat(
            admin()
                .send(
                    "DELETE", "/api/v1/admin/tokens/" + last.json().getString("id"), null, Map.of())
                .status())
        .isEqualTo(204);
    assertThat(script.get("/api/v1/admin/merchants").status())
        .as("revoked by another")
        .isEqualTo(401);
  }

  @Test
  void staticFilesAreServed() {
    try (Response r = http.target(at("/static/css/console.css")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.readEntity(String.class)).contains("--ink");
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
