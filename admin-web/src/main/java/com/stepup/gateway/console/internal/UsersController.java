package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.errors.DomainError;
import com.stepup.gateway.stores.Merchants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Console users: the platform's own (platform admins and platform-wide support, added here by
 * platform admins), and disabling, enabling and resetting the password of any user an admin may
 * manage: platform admins all, a merchant admin its merchant's. Nobody changes themself here.
 */
@Controller
@RequestScoped
@Path("console/users")
public class UsersController {

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject ConsoleAudit audit;
  @Inject ConsoleUsers users;
  @Inject AdminTokens tokens;
  @Inject TwoFactors twoFactors;
  @Inject Merchants merchants;

  @GET
  public String list() {
    requirePlatformAdmin();
    caller.describe();
    show(Map.of("username", "", "role", "SUPPORT"), Map.of());
    return "users.html";
  }

  @POST
  public Response add(
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("role") String role) {
    requirePlatformAdmin();
    ConsoleRole r =
        "PLATFORM_ADMIN".equals(role) ? ConsoleRole.PLATFORM_ADMIN : ConsoleRole.SUPPORT;
    try {
      users.add(username, password, r, null);
      audit.record("user.create", username, r.name());
    } catch (DomainError refused) {
      caller.describe();
      show(
          Map.of("username", username == null ? "" : username, "role", r.name()),
          Forms.byField(refused, null));
      return Response.status(422).entity("users.html").build();
    }
    return Response.seeOther(URI.create("console/users?done=user-added")).build();
  }

  @POST
  @Path("{username}/enabled")
  public Response enable(
      @PathParam("username") String username,
      @FormParam("enabled") String enabled,
      @FormParam("confirmed") String confirmed) {
    String back = manageable(username);
    boolean on = "true".equals(enabled);
    if (!on && !Confirmation.given(confirmed)) {
      caller.describe();
      return Confirmation.ask(
          models,
          "confirm.disable",
          username,
          "/console/users/" + username + "/enabled",
          back,
          Map.of("enabled", "false"));
    }
    users.enable(username, on);
    audit.record(on ? "user.enable" : "user.disable", username, null);
    return Response.seeOther(
            URI.create(back.substring(1) + (on ? "?done=user-enabled" : "?done=user-disabled")))
        .build();
  }

  @POST
  @Path("{username}/password")
  public Response resetPassword(
      @PathParam("username") String username, @FormParam("password") String password) {
    String back = manageable(username);
    var problems =
        users.check("placeholder-user", password, ConsoleRole.PLATFORM_ADMIN, null).stream()
            .filter(e -> e.field().equals("password"))
            .toList();
    if (!problems.isEmpty()) {
      caller.describe();
      models.put("problem", "New password for " + username + ": " + problems.get(0).message());
      models.put("back", back);
      return Response.status(422).entity("problem.html").build();
    }
    users.resetPassword(username, password.toCharArray());
    audit.record("user.password-reset", username, null);
    return Response.seeOther(URI.create(back.substring(1) + "?done=password-reset")).build();
  }

  /**
   * Issues an admin API token to the platform admin using the console (with an optional label): the
   * secret is shown once, on the page the POST redirects to; the audit names its prefix.
   */
  @POST
  @Path("tokens")
  public Response issueToken(@FormParam("label") String label) {
    requirePlatformAdmin();
    String l = label == null || label.isBlank() ? null : label.strip();
    if (l != null && l.length() > TOKEN_LABEL_MAX) {
      caller.describe();
      show(Map.of("username", "", "role", "SUPPORT"), Map.of());
      models.put("tokenLabel", l);
      models.put("tokenProblem", "At most " + TOKEN_LABEL_MAX + " characters.");
      return Response.status(422).entity("users.html").build();
    }
    AdminTokens.Issued t =
        tokens.issue(caller.username(), l).orElseThrow(() -> new ForbiddenException());
    audit.record("token.issue", t.id(), t.prefix() + (l == null ? "" : " " + l));
    caller.flash(Map.of("newToken", t.token(), "newTokenExpires", t.expiresAt().toInstant()));
    return Response.seeOther(URI.create("console/users?done=token-issued")).build();
  }

  /** As the admin API takes it. */
  static final int TOKEN_LABEL_MAX = 100;

  /** Revokes any platform admin's admin API token (platform admins look after each other's). */
  @POST
  @Path("tokens/{id}/revoke")
  public Response revokeToken(@PathParam("id") String id) {
    requirePlatformAdmin();
    if (!tokens.revoke(id)) {
      throw ApiProblem.notFound("Token " + id);
    }
    audit.record("token.revoke", id, null);
    return Response.seeOther(URI.create("console/users?done=token-revoked")).build();
  }

  /** Where the user is managed from, when the caller may manage them; 404/403 otherwise. */
  private String manageable(String username) {
    if (username.equalsIgnoreCase(caller.username())) {
      throw ApiProblem.conflict(null, "You cannot disable or reset your own user here.");
    }
    if (!users.exists(username)) {
      throw ApiProblem.notFound("User " + username);
    }
    String merchant = users.merchantOf(username).orElse(null);
    boolean may =
        caller.platformAdmin()
            || (caller.role() == ConsoleRole.MERCHANT_ADMIN
                && merchant != null
                && merchant.equals(caller.merchantScope()));
    if (!may) {
      throw new ForbiddenException();
    }
    return merchant == null ? "/console/users" : "/console/merchants/" + merchant;
  }

  private void show(Map<String, String> form, Map<String, String> errors) {
    models.put("users", users.ofMerchant(null));
    models.put("tokens", tokens.of(null));
    // who must have a second factor: platform admins (a setting), and the merchants chosen
    models.put("platformAdminsTwoFactor", twoFactors.requiredForPlatformAdmins());
    models.put(
        "twoFactorMerchants",
        twoFactors.requiringMerchants().stream()
            .map(id -> merchants.find(id).orElse(null))
            .filter(Objects::nonNull)
            .toList());
    models.put("userForm", form);
    models.put("errors", errors);
  }

  private void requirePlatformAdmin() {
    if (!caller.platformAdmin()) {
      throw new ForbiddenException();
    }
  }
}
