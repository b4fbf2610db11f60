package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.errors.DomainError;
import com.stepup.gateway.stores.ApiScope;
import com.stepup.gateway.stores.CreatedMerchant;
import com.stepup.gateway.stores.IssuedApiKey;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.stores.NewMerchant;
import com.stepup.gateway.stores.Stores;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Merchants, their API keys and console users. Platform admins change them; support users only
 * read; a merchant admin sees its own merchant (key prefixes, users) and sets its notification URL
 * and time zone. A new key or secret is shown once, on the page a POST redirects to, and never
 * again; what cannot be undone is confirmed first ({@link Confirmation}).
 */
@Controller
@RequestScoped
@Path("console/merchants")
public class MerchantsController {

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject ConsoleAudit audit;
  @Inject Merchants merchants;
  @Inject ConsoleUsers users;
  @Inject Stores stores;
  @Inject TwoFactors twoFactors;

  @GET
  public String list(@QueryParam("q") String query, @QueryParam("page") Integer page) {
    requirePlatformStaff();
    caller.describe();
    int p = page == null || page < 0 ? 0 : page;
    models.put("merchants", merchants.list(query, p, StoresController.PAGE_SIZE));
    models.put("q", query == null ? "" : query);
    models.put("form", Map.of());
    models.put("errors", Map.of());
    return "merchants.html";
  }

  @POST
  public Response create(
      @FormParam("name") String name,
      @FormParam("klarna_partner_account_id") String account,
      @FormParam("notification_url") String url) {
    requirePlatformAdmin();
    try {
      CreatedMerchant created =
          merchants.create(
              new NewMerchant(
                  Forms.blankToNull(name), Forms.blankToNull(account), Forms.blankToNull(url)));
      audit.record("merchant.create", created.merchant().id(), created.merchant().name());
      caller.flash(
          Map.of("newKey", created.apiKey().secret(), "webhookSecret", created.webhookSecret()));
      return done(created.merchant().id(), "merchant-created");
    } catch (DomainError refused) {
      caller.describe();
      models.put("merchants", merchants.list(null, 0, StoresController.PAGE_SIZE));
      models.put("q", "");
      Map<String, String> form = new LinkedHashMap<>();
      form.put("name", name == null ? "" : name);
      form.put("klarna_partner_account_id", account == null ? "" : account);
      form.put("notification_url", url == null ? "" : url);
      models.put("form", form);
      models.put("errors", Forms.byField(refused, null));
      models.put("problem", refused.getMessage());
      return Response.status(422).entity("merchants.html").build();
    }
  }

  @GET
  @Path("{id}")
  public String merchant(@PathParam("id") String id) {
    requireSees(id);
    caller.describe();
    show(id);
    return "merchant.html";
  }

  @POST
  @Path("{id}/api-keys")
  public Response issueKey(
      @PathParam("id") String id,
      @FormParam("label") String label,
      @FormParam("scopes") List<String> scopeNames) {
    requireSettings(id); // a merchant admin issues their own merchant's keys
    var scopes = EnumSet.noneOf(ApiScope.class);
    if (scopeNames != null) {
      scopeNames.forEach(n -> ApiScope.of(n).ifPresent(scopes::add));
    }
    if (scopes.isEmpty()) {
      caller.describe();
      models.put("problem", ConsoleTemplates.MESSAGES.getProperty("merchant.key.scopes.none"));
      models.put("back", "/console/merchants/" + id);
      return Response.status(422).entity("problem.html").build();
    }
    IssuedApiKey key = merchants.issueKey(id, Forms.blankToNull(label), scopes);
    audit.record("api-key.issue", id, key.key().prefix() + " " + ApiScope.join(key.key().scopes()));
    caller.flash(Map.of("newKey", key.secret()));
    return done(id, "key-issued");
  }

  @POST
  @Path("{id}/api-keys/{keyId}/revoke")
  public Response revokeKey(
      @PathParam("id") String id,
      @PathParam("keyId") String keyId,
      @FormParam("confirmed") String confirmed) {
    requireSettings(id);
    if (!Confirmation.given(confirmed)) {
      var key =
          merchants.keys(id).stream()
              .filter(k -> k.id().equals(keyId))
              .findFirst()
              .orElseThrow(() -> ApiProblem.notFound("API key"));
      caller.describe();
      return Confirmation.ask(
          models,
          "confirm.revoke",
          key.prefix() + "… (" + key.label() + ")",
          "/console/merchants/" + id + "/api-keys/" + keyId + "/revoke",
          "/console/merchants/" + id,
          Map.of());
    }
    merchants.revokeKey(id, keyId);
    audit.record("api-key.revoke", id, keyId);
    return done(id, "key-revoked");
  }

  /** A new webhook secret, shown once; the old one signs too for the grace period. */
  @POST
  @Path("{id}/webhook-secret")
  public Response rotateWebhookSecret(
      @PathParam("id") String id, @FormParam("confirmed") String confirmed) {
    requirePlatformAdmin();
    if (!Confirmation.given(confirmed)) {
      caller.describe();
      return Confirmation.ask(
          models,
          "confirm.rotate",
          merchants.get(id).name(),
          "/console/merchants/" + id + "/webhook-secret",
          "/console/merchants/" + id,
          Map.of());
    }
    var rotated = merchants.rotateWebhookSecret(id);
    audit.record("webhook-secret.rotate", id, null);
    caller.flash(
        Map.of(
            "rotatedSecret",
            rotated.webhookSecret(),
            "previousValidUntil",
            rotated.previousValidUntil()));
    return done(id, "secret-rotated");
  }

  @POST
  @Path("{id}/status")
  public Response status(
      @PathParam("id") String id,
      @FormParam("status") String status,
      @FormParam("confirmed") String confirmed) {
    requirePlatformAdmin();
    MerchantView m = merchants.get(id);
    boolean suspend = "SUSPENDED".equals(status);
    if (suspend && !Confirmation.given(confirmed)) {
      caller.describe();
      return Confirmation.ask(
          models,
          "confirm.suspend",
          m.name(),
          "/console/merchants/" + id + "/status",
          "/console/merchants/" + id,
          Map.of("status", "SUSPENDED"));
    }
    merchants.update(
        id,
        null,
        m.notificationUrl(),
        suspend ? MerchantView.Status.SUSPENDED : MerchantView.Status.ACTIVE);
    audit.record("merchant.status", id, suspend ? "suspended" : "active");
    return done(id, suspend ? "merchant-suspended" : "merchant-activated");
  }

  /** Notification URL and time zone: the merchant's admins and platform admins. */
  @POST
  @Path("{id}/settings")
  public Response settings(
      @PathParam("id") String id,
      @FormParam("notification_url") String url,
      @FormParam("time_zone") String zone) {
    requireSettings(id);
    MerchantView m = merchants.get(id);
    try {
      merchants.update(id, null, Forms.blankToNull(url), m.status());
      if (zone != null && !zone.isBlank() && !zone.strip().equals(m.timeZone())) {
        merchants.changeTimeZone(id, zone);
      }
    } catch (DomainError refused) {
      caller.describe();
      show(id);
      models.put("errors", Forms.byField(refused, null));
      models.put(
          "settingsForm",
          Map.of(
              "notification_url", url == null ? "" : url, "time_zone", zone == null ? "" : zone));
      return Response.status(422).entity("merchant.html").build();
    }
    audit.record("merchant.settings", id, null);
    return done(id, "settings-saved");
  }

  @POST
  @Path("{id}/users")
  public Response addUser(
      @PathParam("id") String id,
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("role") String role,
      @FormParam("store_id") List<String> storeIds) {
    requireSettings(id); // a merchant admin adds their colleagues, store managers and support staff
    merchants.get(id);
    ConsoleRole r =
        switch (role == null ? "" : role) {
          case "SUPPORT" -> ConsoleRole.SUPPORT;
          case "STORE_MANAGER" -> ConsoleRole.STORE_MANAGER;
          default -> ConsoleRole.MERCHANT_ADMIN;
        };
    List<String> chosen = storeIds == null ? List.of() : storeIds;
    try {
      users.add(username, password, r, id, r == ConsoleRole.STORE_MANAGER ? chosen : List.of());
      audit.record(
          "user.create",
          id,
          username
              + " ("
              + r.name()
              + (r == ConsoleRole.STORE_MANAGER ? " of " + String.join(", ", chosen) : "")
              + ")");
    } catch (DomainError refused) {
      caller.describe();
      show(id);
      models.put("errors", Forms.byField(refused, null));
      models.put(
          "userForm", Map.of("username", username == null ? "" : username, "role", r.name()));
      return Response.status(422).entity("merchant.html").build();
    }
    return done(id, "user-added");
  }

  /**
   * A platform admin requires (or stops requiring) a second factor of the merchant's users: each
   * enrols at their next login, before any page. Audited (in {@link TwoFactors#require}).
   */
  @POST
  @Path("{id}/two-factor")
  public Response requireTwoFactor(
      @PathParam("id") String id, @FormParam("required") String required) {
    requirePlatformAdmin();
    merchants.get(id);
    twoFactors.require(id, "true".equals(required));
    return done(id, "two-factor-changed");
  }

  /** A platform admin sets the merchant's requests a minute per API key (blank: the default). */
  @POST
  @Path("{id}/rate-limit")
  public Response changeRateLimit(
      @PathParam("id") String id, @FormParam("requests_per_minute") String perMinute) {
    requirePlatformAdmin();
    Integer limit = null;
    String given = Forms.blankToNull(perMinute);
    if (given != null) {
      try {
        limit = Integer.valueOf(given.strip());
      } catch (NumberFormatException notANumber) {
        limit = -1;
      }
    }
    try {
      merchants.changeRateLimit(id, limit);
    } catch (DomainError refused) {
      caller.describe();
      models.put("problem", ConsoleTemplates.MESSAGES.getProperty("merchant.rateLimit.invalid"));
      models.put("back", "/console/merchants/" + id);
      return Response.status(422).entity("problem.html").build();
    }
    audit.record("merchant.rate-limit", id, limit == null ? "default" : limit + " a minute");
    return done(id, "rate-limit-changed");
  }

  private Response done(String id, String what) {
    return Response.seeOther(URI.create("console/merchants/" + id + "?done=" + what)).build();
  }

  private void show(String id) {
    MerchantView m = merchants.get(id);
    models.put("merchant", m);
    models.put("keys", merchants.keys(id));
    models.put("allScopes", ApiScope.values());
    models.put("rateLimit", merchants.rateLimit(id).map(String::valueOf).orElse(""));
    models.put(
        "defaultRateLimit",
        ConfigProvider.getConfig()
            .getOptionalValue("gateway.rate-limit.per-minute", Integer.class)
            .orElse(6000));
    models.put("users", users.ofMerchant(id));
    models.put("storeChoices", stores.list(id, null, 0, 200).items());
    models.put("twoFactorRequired", twoFactors.requiredFor(id));
    models.put("errors", Map.of());
    models.put("userForm", Map.of("username", "", "role", "MERCHANT_ADMIN"));
    models.put(
        "settingsForm",
        Map.of(
            "notification_url",
            m.notificationUrl() == null ? "" : m.notificationUrl(),
            "time_zone",
            m.timeZone()));
    boolean manages =
        caller.platformAdmin()
            || (caller.role() == ConsoleRole.MERCHANT_ADMIN && id.equals(caller.merchantScope()));
    models.put("canChangeSettings", manages);
    models.put("canManageMerchant", manages);
  }

  private void requirePlatformStaff() {
    if (caller.role() == ConsoleRole.MERCHANT_ADMIN || caller.merchantScope() != null) {
      throw new ForbiddenException();
    }
  }

  /** Platform staff see every merchant; a merchant's own users see theirs. */
  private void requireSees(String id) {
    String scope = caller.merchantScope();
    if (scope != null && !scope.equals(id)) {
      throw ApiProblem.notFound("Merchant " + id);
    }
  }

  private void requireSettings(String id) {
    requireSees(id);
    if (!caller.platformAdmin()
        && !(caller.role() == ConsoleRole.MERCHANT_ADMIN && id.equals(caller.merchantScope()))) {
      throw new ForbiddenException();
    }
  }

  private void requirePlatformAdmin() {
    if (!caller.platformAdmin()) {
      throw new ForbiddenException();
    }
  }
}
