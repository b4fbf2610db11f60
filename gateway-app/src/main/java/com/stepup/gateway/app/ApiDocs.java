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
 * {@code /docs/api}: the gateway's OpenAPI document ({@code /openapi}) rendered by Swagger UI,
 * whose files the gateway serves itself from the {@code org.webjars:swagger-ui} jar (no CDN).
 */
@Path("docs/api")
@ApplicationScoped
public class ApiDocs {

  private final String page = read("/web/api-docs.html");

  @GET
  @Produces(MediaType.TEXT_HTML)
  public String page() {
    return page;
  }

  private static String read(String resource) {
    try (InputStream in = ApiDocs.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
