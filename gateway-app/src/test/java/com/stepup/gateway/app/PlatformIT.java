package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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
  void readinessReportsTheDatabase() {
    JsonObject health = http.target(at("/health/ready")).request().get(JsonObject.class);
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getJsonArray("checks").toString()).contains("\"database\"");
  }

  @Test
  void openApiIsPublished() {
    try (Response r = http.target(at("/openapi")).request().get()) {
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.readEntity(String.class)).contains("openapi");
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
