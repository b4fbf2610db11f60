package com.stepup.gateway.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready (and alive) only while a console {@code POST} gets through the CSRF filter. Now and then a
 * boot leaves Krazo's {@code CsrfValidateFilter} without its {@code ResourceInfo} (a race in the
 * server's wiring of a filter that lives in the server, not in the WAR), and then every console
 * POST answers 500 for the life of the process while the rest works (issue 30). Nothing in the WAR
 * can rewire it, so the process must say so: this check posts an empty login form to its own HTTP
 * port (learned from the requests it serves) and expects the CSRF refusal ({@code 403}); a {@code
 * 5xx}, or any request the filter fails on ({@link #filterFailed}, from {@link UnexpectedErrors}),
 * makes it {@code DOWN} on readiness, so a balancer sends the console elsewhere, and on liveness,
 * so the process is restarted.
 */
@Readiness
@Liveness
@ApplicationScoped
class ConsoleReadiness implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(ConsoleReadiness.class.getName());

  /** Why the console's POSTs fail, once seen; null while none has. */
  private static final AtomicReference<String> BROKEN = new AtomicReference<>();

  /** The port this process serves HTTP on, from the requests it serves (0: none seen yet). */
  private static volatile int port;

  /** Whether a probe has gone through the filter (the race is at boot: once through, it holds). */
  private static volatile boolean probed;

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  static void servedOn(int localPort) {
    if (port == 0 && localPort > 0) {
      port = localPort;
    }
  }

  /** Whether {@code error} came out of Krazo's CSRF filter itself (not a refusal it made). */
  static boolean fromTheCsrfFilter(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      StackTraceElement[] trace = t.getStackTrace();
      if (t instanceof RuntimeException
          && trace.length > 0
          && trace[0].getClassName().equals("org.eclipse.krazo.security.CsrfValidateFilter")) {
        return true;
      }
    }
    return false;
  }

  static void filterFailed(Throwable error) {
    if (BROKEN.compareAndSet(null, "the CSRF filter failed: " + error)) {
      LOG.severe("Console POSTs fail in Krazo's CSRF filter (" + error + "): not ready, not live");
    }
  }

  @Override
  public HealthCheckResponse call() {
    if (BROKEN.get() == null && !probed && port > 0) {
      probe();
    }
    String broken = BROKEN.get();
    // built directly, as KlarnaTlsReadiness does: no provider lookup, and testable as it is
    return new HealthCheckResponse(
        "console",
        broken == null ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(
            Map.of(
                "csrf_filter",
                broken != null
                    ? broken
                    : probed ? "a console POST was refused for its token" : "not probed yet")));
  }

  private void probe() {
    try {
      int status =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                      .timeout(Duration.ofSeconds(2))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString("username="))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (brokenBy(status)) {
        BROKEN.compareAndSet(null, "a console POST without a token answered " + status);
      } else {
        probed = true;
      }
    } catch (IOException e) {
      LOG.fine(() -> "Console probe not answered: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether the probe's answer shows a broken console: a 500 is the filter's failure; a 503 (every
   * slow-body place taken, BodyLimits) is load that passes and must not mark the instance down for
   * good.
   */
  static boolean brokenBy(int status) {
    return status == 500;
  }
}
