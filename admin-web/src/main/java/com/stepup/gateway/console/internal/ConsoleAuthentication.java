package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The one authentication mechanism of the application (Jakarta Security allows one): a form login
 * for the console, remembered in the session, and HTTP Basic for the platform admin API. Partner
 * calls authenticate with API keys elsewhere and never reach the container's security.
 */
@AutoApplySession
@ApplicationScoped
class ConsoleAuthentication implements HttpAuthenticationMechanism {

  private static final String ADMIN_API = "/api/v1/admin/";

  @Inject IdentityStoreHandler identityStores;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential formLogin = context.getAuthParameters().getCredential();
    if (formLogin != null) {
      return context.notifyContainerAboutLogin(identityStores.validate(formLogin));
    }
    boolean adminApi = request.getRequestURI().startsWith(request.getContextPath() + ADMIN_API);
    if (adminApi) {
      UsernamePasswordCredential basic = basicCredential(request.getHeader("Authorization"));
      if (basic != null) {
        var result = identityStores.validate(basic);
        if (result.getStatus()
            == jakarta.security.enterprise.identitystore.CredentialValidationResult.Status.VALID) {
          return context.notifyContainerAboutLogin(result);
        }
      }
      if (context.isProtected()) {
        return unauthorized(response);
      }
      return context.doNothing();
    }
    if (context.isProtected()) {
      return context.redirect(request.getContextPath() + "/login");
    }
    return context.doNothing();
  }

  /** An API caller gets problem+json, not the container's HTML error page. */
  private static AuthenticationStatus unauthorized(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Basic realm=\"gateway-admin\"");
    response.setContentType("application/problem+json");
    try {
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                  + "\"detail\":\"The admin API needs a platform admin's username and password"
                  + " (HTTP Basic).\"}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  static UsernamePasswordCredential basicCredential(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    return new UsernamePasswordCredential(
        decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}
