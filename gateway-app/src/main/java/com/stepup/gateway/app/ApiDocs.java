package com.stepup.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /docs/api}: the gateway's OpenAPI document ({@code /openapi}, {@link OpenApiDocument})
 * rendered by Swagger UI, whose files the gateway serves itself from the {@code
 * org.webjars:swagger-ui} jar (no CDN); and {@code /docs/api/openapi.yaml}, the same document,
 * where version 1.1.0 first served it as written.
 */
@Path("docs/api")
@ApplicationScoped
public class ApiDocs {

  /** The media type of YAML (RFC 9512). */
  static final String YAML = "application/yaml";

  private final String page = read("/web/api-docs.html");
  private final String contract = read("/META-INF/openapi.yaml");

  @GET
  @Produces(MediaType.TEXT_HTML)
  public String page() {
    return page;
  }

  @GET
  @Path("openapi.yaml")
  @Produces(YAML + ";charset=utf-8")
  public String contract() {
    return contract;
  }

  static String read(String resource) {
    try (InputStream in = ApiDocs.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
