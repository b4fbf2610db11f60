package com.stepup.gateway.app;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every answer carries a {@code Request-Id} (and the API's version, {@code Gateway-Version}); each
 * API and webhook request is logged once with it (method, path without the query, status, time:
 * never a header or a body), and problem bodies name it ({@code request_id}), so a partner who
 * quotes it points at the log line. Mapped first in {@code web.xml}. The request log is the logger
 * {@code gateway.requests} (INFO; set it to WARNING to silence it).
 */
public class RequestIds extends HttpFilter {

  /** The request attribute that holds the id. */
  public static final String ATTRIBUTE = RequestIds.class.getName();

  public static final String HEADER = "Request-Id";

  /**
   * The partner API's version: {@code info.version} of the OpenAPI document (a test keeps both).
   */
  public static final String API_VERSION = "1.2.0";

  public static final String VERSION_HEADER = "Gateway-Version";

  private static final Logger LOG = Logger.getLogger("gateway.requests");

  static String next() {
    return "req_" + String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  /** The id of the request being answered, or null outside one. */
  static String of(ServletRequest request) {
    return request == null ? null : (String) request.getAttribute(ATTRIBUTE);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String id = next();
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader(HEADER, id);
    response.setHeader(VERSION_HEADER, API_VERSION);
    long started = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      if ((path.startsWith("/api/") || path.startsWith("/webhooks/"))
          && LOG.isLoggable(Level.INFO)) {
        LOG.info(
            request.getMethod()
                + " "
                + path
                + " "
                + (request.isAsyncStarted() ? "stream" : String.valueOf(response.getStatus()))
                + " "
                + (System.nanoTime() - started) / 1_000_000
                + " ms request_id="
                + id);
      }
    }
  }
}
