package com.stepup.gateway.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code /openapi}: the gateway's contract exactly as written ({@code META-INF/openapi.yaml},
 * {@code application/yaml}), or the same document as JSON for {@code ?format=JSON} or a client that
 * asks for {@code application/json} and not YAML. Payara's own MicroProfile OpenAPI endpoint is
 * switched off ({@code config/payara/preboot.asadmin}): what it served added an {@code endpoints}
 * map and dropped {@code security: []}, which OpenAPI Generator refuses (issue 28).
 */
@Path("openapi")
@ApplicationScoped
public class OpenApiDocument {

  static final String JSON = "application/json";

  private final String yaml = ApiDocs.read("/META-INF/openapi.yaml");
  private volatile String json;

  @GET
  public Response document(
      @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    boolean asJson =
        format != null ? "json".equals(format.toLowerCase(Locale.ROOT)) : wantsJsonOnly(accept);
    return Response.ok(asJson ? json() : yaml)
        .type((asJson ? JSON : ApiDocs.YAML) + ";charset=utf-8")
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .build();
  }

  /** Whether the client named JSON and no YAML type ({@code *}{@code /*} or none: YAML). */
  static boolean wantsJsonOnly(String accept) {
    if (accept == null) {
      return false;
    }
    String a = accept.toLowerCase(Locale.ROOT);
    return a.contains(JSON) && !a.contains("yaml");
  }

  String json() {
    String j = json;
    if (j == null) {
      try {
        j =
            new ObjectMapper()
                .writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      json = j;
    }
    return j;
  }
}
