package com.stepup.gateway.console.internal;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Set;

/**
 * Every change made through the admin API ({@code /api/v1/admin/...}) goes into the audit trail
 * beside the console's: who (the platform admin of the credentials, and which token if one), which
 * call, on what, and the answer. One filter, so no admin resource of any module can forget it. The
 * body is never recorded (it may carry a password or a secret).
 */
@Provider
public class AdminApiAudit implements ContainerResponseFilter {

  private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

  @Inject ConsoleAudit audit;

  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath().replaceFirst("^/", "");
    boolean elsewhere = path.matches("api/v1/reconciliation/items/[^/]+/resolve");
    if (!(path.startsWith("api/v1/admin/") || elsewhere)
        || !CHANGES.contains(request.getMethod())
        || response.getStatus() >= 300) {
      return;
    }
    String target =
        elsewhere ? path.substring("api/v1/".length()) : path.substring("api/v1/admin/".length());
    audit.record(
        "admin-api." + request.getMethod().toLowerCase(Locale.ROOT),
        target,
        "HTTP " + response.getStatus() + " through the admin API" + credential());
  }

  /** Which token acted (its id and prefix, never the secret), or that a password did. */
  private String credential() {
    return servletRequest.getAttribute(ConsoleAuthentication.TOKEN)
            instanceof AdminTokens.Caller token
        ? " with token " + token.tokenId() + " (" + token.prefix() + "...)"
        : " with the password";
  }
}
