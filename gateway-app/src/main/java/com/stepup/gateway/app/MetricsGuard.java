package com.stepup.gateway.app;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /metrics} (Payara's MicroProfile Metrics servlet, which Payara adds to the application at
 * the root context, so this WAR's filters see it) names terminals and merchants' volumes: it is
 * served only to a scraper that presents {@code Authorization: Bearer <gateway.metrics.token>}.
 * Without the setting it is not there ({@code 404}), except in demo mode, where it stays open for
 * the demo and the benchmarks. Mapped in {@code web.xml} to {@code /metrics} and {@code
 * /metrics/*}.
 */
public class MetricsGuard extends HttpFilter {

  /** What a request for {@code /metrics} gets. */
  enum Verdict {
    SERVE,
    UNAUTHORIZED,
    NOT_FOUND
  }

  @Inject
  @ConfigProperty(name = "gateway.metrics.token")
  Optional<String> token;

  @Inject
  @ConfigProperty(name = "gateway.demo", defaultValue = "false")
  boolean demo;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    switch (verdict(token.orElse(""), demo, request.getHeader("Authorization"))) {
      case SERVE -> chain.doFilter(request, response);
      case UNAUTHORIZED -> {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
        Refusals.write(
            request,
            response,
            401,
            "unauthorized",
            "Unauthorized",
            "/metrics needs Authorization: Bearer <gateway.metrics.token>.");
      }
      case NOT_FOUND -> Refusals.write(request, response, 404, "not-found", "Not found", "");
    }
  }

  /**
   * With a token: served to its bearer alone (compared in constant time). Without one: open in demo
   * mode, not there otherwise.
   */
  static Verdict verdict(String configured, boolean demo, String authorization) {
    if (configured == null || configured.isBlank()) {
      return demo ? Verdict.SERVE : Verdict.NOT_FOUND;
    }
    String prefix = "Bearer ";
    if (authorization == null
        || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return Verdict.UNAUTHORIZED;
    }
    String presented = authorization.substring(prefix.length()).trim();
    // digests of equal length, so neither the token's content nor its length shows in the timing
    return MessageDigest.isEqual(sha256(presented), sha256(configured.trim()))
        ? Verdict.SERVE
        : Verdict.UNAUTHORIZED;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
