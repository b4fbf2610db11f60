package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ClientAddress;
import com.stepup.gateway.platform.SameOrigin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one authentication mechanism of the application (Jakarta Security allows one): a form login
 * for the console, remembered in the session, and HTTP Basic for the platform admin API. The admin
 * API never rides on the console's session: a page on another site can make a logged-in admin's
 * browser send the session cookie, but not an {@code Authorization} header, so the API
 * authenticates by the header alone (no {@code @AutoApplySession}, which would accept either).
 * Partner calls authenticate with API keys elsewhere, and Klarna's webhooks by signature: neither
 * reaches this mechanism ({@link ConsoleSecurityScope}).
 */
@ApplicationScoped
class ConsoleAuthentication implements HttpAuthenticationMechanism {

  private static final String ADMIN_API = "/api/v1/admin/";

  /** Admin API calls outside /api/v1/admin/: resolving a reconciliation item (PRODUCT.md). */
  private static final Pattern ADMIN_ELSEWHERE =
      Pattern.compile("/api/v1/reconciliation/items/[^/]+/resolve");

  /** What every path {@link #ADMIN_ELSEWHERE} matches starts with (a partner call rarely does). */
  private static final String ADMIN_ELSEWHERE_PREFIX = "/api/v1/reconciliation/items/";

  /** Whether a path (after the context path) is the admin API's. */
  static boolean adminApi(String path) {
    return path.startsWith(ADMIN_API)
        || (path.startsWith(ADMIN_ELSEWHERE_PREFIX) && ADMIN_ELSEWHERE.matcher(path).matches());
  }

  /** Who logged in to the console in this session, and as what. */
  static final String SESSION_CALLER = ConsoleAuthentication.class.getName() + ".caller";

  /** The console caller kept in the session. */
  record SessionCaller(String name, Set<String> groups, String stamp) implements Serializable {}

  @Inject IdentityStoreHandler identityStores;
  @Inject ConsoleUsers users;
  @Inject LoginThrottle throttle;
  @Inject AdminTokens tokens;
  @Inject ConsoleAudit audit;
  @Inject TwoFactors twoFactors;

  /** The {@link AdminTokens.Caller} on a request the admin API took a token for. */
  static final String TOKEN = ConsoleAuthentication.class.getName() + ".token";

  /** Set on the request when a right password was refused because the merchant is suspended. */
  static final String SUSPENDED = ConsoleAuthentication.class.getName() + ".suspended";

  /** Set on the request when a login was refused because its account or address must wait. */
  static final String LOCKED = ConsoleAuthentication.class.getName() + ".locked";

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential formLogin = context.getAuthParameters().getCredential();
    if (formLogin != null) {
      var result = throttled(request, formLogin);
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        String name = result.getCallerPrincipal().getName();
        var caller =
            new SessionCaller(
                name, Set.copyOf(result.getCallerGroups()), users.stamp(name).orElse(""));
        var session = request.getSession(true);
        var twoFactor = twoFactors.state(name);
        if (twoFactor.enrolled() || twoFactor.required()) {
          // the password alone does not log in: a code (or enrolment) comes first
          session.removeAttribute(SESSION_CALLER);
          session.setAttribute(PENDING, new PendingLogin(caller, Instant.now().toEpochMilli()));
          request.setAttribute(SECOND_FACTOR, twoFactor.enrolled() ? "code" : "enrol");
          return AuthenticationStatus.SEND_FAILURE;
        }
        session.setAttribute(SESSION_CALLER, caller);
      }
      return context.notifyContainerAboutLogin(result);
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (adminApi(path)) {
      if (!SameOrigin.check(
          request.getHeader("Origin"),
          request.getHeader("Sec-Fetch-Site"),
          publicBaseUrl(),
          request.getScheme() + "://" + request.getHeader("Host"))) {
        // a page on another site: refused before any credential is looked at, without a Basic
        // challenge a browser would turn into a login prompt
        return refuse(response, 403, "Forbidden", "A request from another site is not accepted.");
      }
      String authorization = request.getHeader("Authorization");
      if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        var caller = tokens.caller(authorization.substring(7).strip());
        if (caller.isPresent()) {
          request.setAttribute(TOKEN, caller.get());
          return context.notifyContainerAboutLogin(
              caller.get().username(), Set.of(ConsoleRole.PLATFORM_ADMIN.name()));
        }
        return unauthorized(response);
      }
      UsernamePasswordCredential basic = basicCredential(authorization);
      if (basic != null) {
        var result = throttled(request, basic);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
          var twoFactor = twoFactors.state(basic.getCaller());
          if (twoFactor.enrolled()) {
            String otp = request.getHeader(OTP_HEADER);
            if (otp == null || otp.isBlank()) {
              return refuseWithChallenge(
                  response,
                  "This user has a second factor: send a current code (or a recovery code) in the "
                      + OTP_HEADER
                      + " header, best once, to issue a token.");
            }
            if (!codeChecked(request, basic.getCaller(), otp.strip())) {
              return lockedOr(request, response, "The code is not right, or was used already.");
            }
          }
          if (!result.getCallerGroups().contains(ConsoleRole.PLATFORM_ADMIN.name())) {
            // a merchant's user, a store manager or support: problem+json, not the container's
            // 403 page
            return refuse(response, 403, "Forbidden", "The admin API is for platform admins.");
          }
          if (!twoFactor.enrolled()
              && twoFactor.required()
              && !path.startsWith(ADMIN_API + "two-factor")) {
            return refuse(
                response,
                403,
                "Forbidden",
                "This user must enrol a second factor before using the admin API: in the console,"
                    + " or POST /api/v1/admin/two-factor.");
          }
          return context.notifyContainerAboutLogin(result);
        }
      }
      if (request.getAttribute(LOCKED) instanceof Long seconds) {
        response.setHeader("Retry-After", String.valueOf(seconds));
        return refuse(
            response,
            429,
            "Too many requests",
            "Too many wrong passwords for this account from this address; wait, then try"
                + " again.");
      }
      if (request.getAttribute(CHALLENGE) instanceof String puzzle) {
        response.setHeader(CHALLENGE_HEADER, puzzle);
        return refuseWithChallenge(
            response,
            "Too many wrong passwords for this account from this address: the next try sends"
                + " the puzzle of the "
                + CHALLENGE_HEADER
                + " header back in that header, and in "
                + CHALLENGE_ANSWER_HEADER
                + " a number n such that SHA-256 of puzzle:n starts with "
                + LoginChallenge.BITS
                + " zero bits.");
      }
      if (context.isProtected()) {
        return unauthorized(response);
      }
      return context.doNothing();
    }
    if (request.getRequestURI().startsWith(request.getContextPath() + "/static/")) {
      // styles, scripts, error pages: public, and not worth two queries of the session's stamp
      return context.doNothing();
    }
    var session = request.getSession(false);
    if (session != null && session.getAttribute(SESSION_CALLER) instanceof SessionCaller caller) {
      if (users.stamp(caller.name()).filter(caller.stamp()::equals).isPresent()) {
        return context.notifyContainerAboutLogin(caller.name(), caller.groups());
      }
      // disabled, deleted, password reset or merchant suspended since the login: the session ends
      session.invalidate();
      if (context.isProtected() && users.suspended(caller.name(), null)) {
        return context.redirect(request.getContextPath() + "/login?suspended");
      }
    }
    if (context.isProtected()) {
      // relative, as written: the container's sendRedirect would make it absolute from whatever
      // Host the request claimed (a forged Host echoed back)
      response.setStatus(302);
      response.setHeader("Location", request.getContextPath() + "/login");
      return AuthenticationStatus.SEND_CONTINUE;
    }
    return context.doNothing();
  }

  /** The header that carries a one-time (or recovery) code with HTTP Basic. */
  static final String OTP_HEADER = "Gateway-OTP";

  /** A login whose password was right, waiting for its second factor (or its enrolment). */
  static final String PENDING = ConsoleAuthentication.class.getName() + ".pending";

  /** Set on the request when a right password needs a code ("code") or an enrolment ("enrol"). */
  static final String SECOND_FACTOR = ConsoleAuthentication.class.getName() + ".secondFactor";

  /** A pending login: the caller it becomes, and since when (it lasts five minutes). */
  record PendingLogin(SessionCaller caller, long sinceMillis) implements Serializable {
    boolean fresh() {
      return Instant.now().toEpochMilli() - sinceMillis < 5 * 60_000L;
    }
  }

  /**
   * Whether the second-factor code is right for the user, throttled like passwords: wrong codes
   * count per (account, client address) under their own key, so a guesser who knows the password
   * slows down just as one who does not.
   */
  public boolean codeChecked(HttpServletRequest request, String username, String code) {
    String key = username + "|second-factor";
    String address = clientAddress(request);
    Duration wait = throttle.wait(key, address);
    if (!wait.isZero()) {
      request.setAttribute(LOCKED, Math.max(1, (wait.toMillis() + 999) / 1000));
      return false;
    }
    if (twoFactors.check(username, code)) {
      throttle.succeeded(key, address);
      return true;
    }
    if (throttle.failed(key, address)) {
      audit.recordFor(username, "login.locked", username, "too many wrong codes from " + address);
    }
    return false;
  }

  private static AuthenticationStatus lockedOr(
      HttpServletRequest request, HttpServletResponse response, String detail) {
    if (request.getAttribute(LOCKED) instanceof Long seconds) {
      response.setHeader("Retry-After", String.valueOf(seconds));
      return refuse(
          response,
          429,
          "Too many requests",
          "Too many wrong codes for this account from this address; wait, then try again.");
    }
    return refuseWithChallenge(response, detail);
  }

  private static AuthenticationStatus refuseWithChallenge(
      HttpServletResponse response, String detail) {
    response.setHeader("WWW-Authenticate", "Basic realm=\"gateway-admin\"");
    return refuse(response, 401, "Unauthorized", detail);
  }

  /**
   * The credential checked, unless its account or the client's address must wait after too many
   * wrong passwords ({@link LoginThrottle}); then refused without even hashing the password.
   */
  private CredentialValidationResult throttled(HttpServletRequest request, Credential credential) {
    String username = credential instanceof UsernamePasswordCredential u ? u.getCaller() : "";
    String address = clientAddress(request);
    Duration wait = throttle.wait(username, address);
    if (!wait.isZero()) {
      request.setAttribute(LOCKED, Math.max(1, (wait.toMillis() + 999) / 1000));
      return CredentialValidationResult.INVALID_RESULT;
    }
    if (throttle.challenged(username, address)) {
      // past the delays: a try must bring a solved puzzle, or it is not checked (nor counted)
      String pair = LoginThrottle.pair(username, address);
      String token = challengeField(request, CHALLENGE_HEADER, CHALLENGE_TOKEN);
      String answer = challengeField(request, CHALLENGE_ANSWER_HEADER, CHALLENGE_ANSWER);
      if (!challenges().solved(pair, token, answer)) {
        request.setAttribute(CHALLENGE, challenges().issue(pair));
        return CredentialValidationResult.INVALID_RESULT;
      }
    }
    if (!throttle.enter(username, address)) {
      // another try of this pair is being checked: one at a time, or a burst sent at once would
      // pass the wait above before the first failure is counted
      request.setAttribute(LOCKED, 1L);
      return CredentialValidationResult.INVALID_RESULT;
    }
    try {
      var result = identityStores.validate(credential);
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        throttle.succeeded(username, address);
      } else if (credential instanceof UsernamePasswordCredential u
          && users.suspended(username, u.getPassword().getValue())) {
        // the right password of a suspended merchant's user: said so, and not a wrong password
        request.setAttribute(SUSPENDED, Boolean.TRUE);
      } else if (throttle.failed(username, address)) {
        audit.recordFor(
            username, "login.locked", username, "too many wrong passwords from " + address);
      }
      return result;
    } finally {
      throttle.leave(username, address);
    }
  }

  /** Set on the request (a new puzzle) when a try must bring a solved {@link LoginChallenge}. */
  static final String CHALLENGE = ConsoleAuthentication.class.getName() + ".challenge";

  /** The puzzle and its answer from the login form, set on the request by the login page. */
  static final String CHALLENGE_TOKEN = ConsoleAuthentication.class.getName() + ".challengeToken";

  static final String CHALLENGE_ANSWER = ConsoleAuthentication.class.getName() + ".challengeAnswer";

  /** The headers that carry a puzzle (in a 401) and, with HTTP Basic, its answer. */
  static final String CHALLENGE_HEADER = "Gateway-Challenge";

  static final String CHALLENGE_ANSWER_HEADER = "Gateway-Challenge-Answer";

  private volatile LoginChallenge challenges;

  private LoginChallenge challenges() {
    if (challenges == null) {
      challenges = LoginChallenge.configured(Clock.systemUTC());
    }
    return challenges;
  }

  private static String challengeField(HttpServletRequest request, String header, String form) {
    return request.getAttribute(form) instanceof String value ? value : request.getHeader(header);
  }

  /**
   * The client's address: the peer, or behind a trusted proxy ({@code
   * gateway.http.trusted-proxies}) what that proxy wrote into {@code X-Forwarded-For}.
   */
  static String clientAddress(HttpServletRequest request) {
    var headers = request.getHeaders("X-Forwarded-For");
    return ClientAddress.configured()
        .of(request.getRemoteAddr(), headers == null ? List.of() : Collections.list(headers));
  }

  /** An API caller gets problem+json, not the container's HTML error page. */
  private static AuthenticationStatus unauthorized(HttpServletResponse response) {
    response.setHeader("WWW-Authenticate", "Basic realm=\"gateway-admin\"");
    return refuse(
        response,
        401,
        "Unauthorized",
        "The admin API needs a platform admin's token (Bearer adm_...) or username and password"
            + " (HTTP Basic).");
  }

  private static AuthenticationStatus refuse(
      HttpServletResponse response, int status, String title, String detail) {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    try {
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\""
                  + title
                  + "\",\"status\":"
                  + status
                  + ",\"detail\":\""
                  + detail
                  + "\"}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  /** {@code gateway.public-base-url}, as configured ("" when not). */
  static String publicBaseUrl() {
    return ConfigProvider.getConfig()
        .getOptionalValue("gateway.public-base-url", String.class)
        .orElse("");
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
