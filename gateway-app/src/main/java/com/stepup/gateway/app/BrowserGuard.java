package com.stepup.gateway.app;

import com.stepup.gateway.platform.SameOrigin;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a browser may be made to do by a page on another site, refused before anything runs: a
 * state-changing request ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) whose {@code
 * Origin} is not the gateway's own (its public base URL, or the host the request came to), or that
 * the browser marks {@code Sec-Fetch-Site: cross-site}; and a session id in the URL ({@code
 * ;jsessionid=}), which leaks through logs and referrers. Servers (partners, Klarna) send no {@code
 * Origin} and pass. Every answer also tells the browser not to sniff types or leak paths.
 */
public class BrowserGuard extends HttpFilter {

  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  @Inject
  @ConfigProperty(name = "gateway.public-base-url")
  String publicBaseUrl;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ConsoleReadiness.servedOn(request.getLocalPort());
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    // every page loads only its own scripts, styles and images, and is framed by no one
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'");
    response.setHeader("X-Frame-Options", "DENY");
    // no product name or version for a scanner to look up: the listener sends no Server header
    // (config/payara/preboot.asadmin), and nothing here adds one
    response.setHeader("X-Powered-By", null);
    if (request.isRequestedSessionIdFromURL()
        || request.getRequestURI().toLowerCase(Locale.ROOT).contains(";jsessionid=")) {
      refuse(request, response, 400, "A session id in the URL is not accepted.");
      return;
    }
    if (STATE_CHANGING.contains(request.getMethod())
        && !SameOrigin.check(
            request.getHeader("Origin"),
            request.getHeader("Sec-Fetch-Site"),
            publicBaseUrl,
            request.getScheme() + "://" + request.getHeader("Host"))) {
      refuse(request, response, 403, "A request from another site is not accepted.");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, int status, String detail)
      throws IOException {
    Refusals.write(
        request,
        response,
        status,
        status == 403 ? "cross-site-request" : "bad-request",
        status == 403 ? "Forbidden" : "Bad request",
        detail);
  }
}
