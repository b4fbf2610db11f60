package com.stepup.gateway.console.internal;

import com.stepup.gateway.console.internal.ConsoleAuthentication.PendingLogin;
import com.stepup.gateway.console.internal.ConsoleAuthentication.SessionCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * The console's second factor: the code after the password ({@code login/code}), and enrolment by
 * QR code ({@code login/enrol}), either right after the password of a user who must have a second
 * factor and has none yet (before anything else), or by a logged-in user who chooses to. The
 * recovery codes are shown once, on the page that confirms the enrolment.
 */
@Controller
@RequestScoped
@Path("")
public class TwoFactorController {

  @Inject Models models;
  @Inject TwoFactors twoFactors;
  @Inject ConsoleAuthentication authentication;
  @Inject ConsoleUsers users;

  @GET
  @Path("login/code")
  public Response codeForm(@Context HttpServletRequest request) {
    if (pending(request).isEmpty()) {
      return Response.seeOther(URI.create("login")).build();
    }
    return Response.ok("login-code.html").build();
  }

  @POST
  @Path("login/code")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response code(@FormParam("code") String code, @Context HttpServletRequest request) {
    var pending = pending(request);
    if (pending.isEmpty()) {
      return Response.seeOther(URI.create("login")).build();
    }
    if (code == null || code.isBlank() || code.length() > 40) {
      models.put("error", "login.code.error.required");
      return Response.status(400).entity("login-code.html").build();
    }
    String name = pending.get().caller().name();
    if (!authentication.codeChecked(request, name, code.strip())) {
      boolean locked = request.getAttribute(ConsoleAuthentication.LOCKED) != null;
      models.put("error", locked ? "login.code.error.locked" : "login.code.error.invalid");
      return Response.status(locked ? 429 : 401).entity("login-code.html").build();
    }
    logIn(request, pending.get().caller());
    return Response.seeOther(URI.create("console")).build();
  }

  @GET
  @Path("login/enrol")
  public Response enrolForm(@Context HttpServletRequest request) {
    Optional<String> who = enrolling(request);
    if (who.isEmpty()) {
      return Response.seeOther(URI.create("login")).build();
    }
    if (twoFactors.state(who.get()).enrolled()) {
      models.put("enrolled", true);
      models.put("left", twoFactors.recoveryCodesLeft(who.get()));
      return Response.ok("two-factor.html").build();
    }
    var enrolment = twoFactors.pending(who.get()).or(() -> twoFactors.begin(who.get())).get();
    show(who.get(), enrolment);
    return Response.ok("two-factor.html").header("Cache-Control", "no-store").build();
  }

  @POST
  @Path("login/enrol")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response enrol(@FormParam("code") String code, @Context HttpServletRequest request) {
    Optional<String> who = enrolling(request);
    if (who.isEmpty()) {
      return Response.seeOther(URI.create("login")).build();
    }
    var recovery =
        code == null || code.length() > 40
            ? Optional.<List<String>>empty()
            : twoFactors.confirm(who.get(), code.strip());
    if (recovery.isEmpty()) {
      twoFactors.pending(who.get()).ifPresent(e -> show(who.get(), e));
      models.put("error", "twoFactor.error.code");
      return Response.status(422)
          .entity("two-factor.html")
          .header("Cache-Control", "no-store")
          .build();
    }
    var pending = pending(request);
    if (pending.isPresent()) {
      // the enrolment was the second factor of this login
      var c = pending.get().caller();
      logIn(request, new SessionCaller(c.name(), c.groups(), users.stamp(c.name()).orElse("")));
    }
    models.put("recoveryCodes", recovery.get());
    return Response.ok("two-factor.html").header("Cache-Control", "no-store").build();
  }

  private void show(String username, TwoFactors.Enrolment enrolment) {
    models.put("secret", enrolment.secret());
    models.put("uri", enrolment.uri());
    models.put("qr", DisplayQr.svg(enrolment.uri()));
    models.put("account", username);
  }

  /** The user enrolling: a pending login's, or the logged-in user's. */
  private Optional<String> enrolling(HttpServletRequest request) {
    var pending = pending(request);
    if (pending.isPresent()) {
      return Optional.of(pending.get().caller().name());
    }
    return Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName);
  }

  private static Optional<PendingLogin> pending(HttpServletRequest request) {
    var session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(ConsoleAuthentication.PENDING) instanceof PendingLogin p)) {
      return Optional.empty();
    }
    if (!p.fresh()) {
      session.removeAttribute(ConsoleAuthentication.PENDING);
      return Optional.empty();
    }
    return Optional.of(p);
  }

  private static void logIn(HttpServletRequest request, SessionCaller caller) {
    var session = request.getSession(true);
    session.removeAttribute(ConsoleAuthentication.PENDING);
    session.setAttribute(ConsoleAuthentication.SESSION_CALLER, caller);
    request.changeSessionId();
  }
}
