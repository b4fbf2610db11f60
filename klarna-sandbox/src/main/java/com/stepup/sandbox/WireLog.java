package com.stepup.sandbox;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every call to Klarna's paths ({@code /v2/...}, {@code /v4/...}) as it arrived: method, path, each
 * header with its raw value (the API key redacted), and the status answered; the latest {@link
 * Requests#KEPT} are kept for {@code GET /sandbox/requests}. It also refuses, before anything else
 * runs, what {@link WireRules} says Klarna refuses.
 */
@Provider
@PreMatching
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 100)
public class WireLog implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String ENTRY = WireLog.class.getName() + ".entry";

  private final Requests requests;
  private final SandboxClock clock;

  @Inject
  WireLog(Requests requests, SandboxClock clock) {
    this.requests = requests;
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected WireLog() {
    this(null, null);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("v2/")
        && !path.startsWith("/v2/")
        && !path.startsWith("v4/")
        && !path.startsWith("/v4/")) {
      return;
    }
    var headers = Json.createObjectBuilder();
    for (Map.Entry<String, List<String>> h : request.getHeaders().entrySet()) {
      var values = Json.createArrayBuilder();
      for (String v : h.getValue()) {
        values.add(
            "authorization".equalsIgnoreCase(h.getKey()) ? "[redacted]" : v == null ? "" : v);
      }
      headers.add(h.getKey(), values);
    }
    var entry =
        Json.createObjectBuilder()
            .add("at", PaymentRequest.iso(clock.instant()))
            .add("method", request.getMethod())
            .add("path", "/" + path.replaceFirst("^/", ""))
            .add("headers", headers);
    request.setProperty(ENTRY, entry);
    boolean hasBody =
        request.hasEntity()
            || request.getLength() > 0
            || request.getHeaderString("Transfer-Encoding") != null;
    WireRules.check(request.getMethod(), path, request.getHeaders(), hasBody)
        .ifPresent(error -> request.abortWith(error.toResponse()));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(ENTRY) instanceof JsonObjectBuilder entry) {
      requests.add(entry.add("status", response.getStatus()).build());
    }
  }

  /** The kept calls, oldest first. */
  @ApplicationScoped
  public static class Requests {

    static final int KEPT = 5_000;

    private final ArrayDeque<JsonObject> kept = new ArrayDeque<>();

    synchronized void add(JsonObject entry) {
      if (kept.size() >= KEPT) {
        kept.removeFirst();
      }
      kept.addLast(entry);
    }

    /** The kept calls whose path contains {@code pathPart} (all when null). */
    synchronized List<JsonObject> matching(String pathPart) {
      List<JsonObject> out = new ArrayList<>();
      for (JsonObject e : kept) {
        if (pathPart == null || e.getString("path").contains(pathPart)) {
          out.add(e);
        }
      }
      return out;
    }
  }
}
