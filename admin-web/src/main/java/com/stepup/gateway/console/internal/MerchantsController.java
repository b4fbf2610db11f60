package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.stores.CreatedMerchant;
import com.stepup.gateway.stores.IssuedApiKey;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.stores.NewMerchant;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merchants, their API keys and console users, for platform staff. Platform admins change them;
 * support users only read; merchant admins have no access. A new key is shown once, on the page
 * that answers its creation, and never again.
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
      caller.describe();
      show(created.merchant().id());
      models.put("newKey", created.apiKey().secret());
      models.put("webhookSecret", created.webhookSecret());
      return Response.status(201).entity("merchant.html").build();
    } catch (ApiProblem problem) {
      caller.describe();
      models.put("merchants", merchants.list(null, 0, StoresController.PAGE_SIZE));
      models.put("q", "");
      Map<String, String> form = new LinkedHashMap<>();
      form.put("name", name == null ? "" : name);
      form.put("klarna_partner_account_id", account == null ? "" : account);
      form.put("notification_url", url == null ? "" : url);
      models.put("form", form);
      models.put("errors", Forms.byField(problem, null));
      models.put("problem", problem.getMessage());
      return Response.status(422).entity("merchants.html").build();
    }
  }

  @GET
  @Path("{id}")
  public String merchant(@PathParam("id") String id) {
    requirePlatformStaff();
    caller.describe();
    show(id);
    return "merchant.html";
  }

  @POST
  @Path("{id}/api-keys")
  public String issueKey(@PathParam("id") String id, @FormParam("label") String label) {
    requirePlatformAdmin();
    IssuedApiKey key = merchants.issueKey(id, Forms.blankToNull(label));
    audit.record("api-key.issue", id, key.key().prefix());
    caller.describe();
    show(id);
    models.put("newKey", key.secret());
    return "merchant.html";
  }

  @POST
  @Path("{id}/api-keys/{keyId}/revoke")
  public Response revokeKey(@PathParam("id") String id, @PathParam("keyId") String keyId) {
    requirePlatformAdmin();
    merchants.revokeKey(id, keyId);
    audit.record("api-key.revoke", id, keyId);
    return Response.seeOther(URI.create("console/merchants/" + id)).build();
  }

  /** A new webhook secret, shown on this page once; the old one signs too for the grace period. */
  @POST
  @Path("{id}/webhook-secret")
  public String rotateWebhookSecret(@PathParam("id") String id) {
    requirePlatformAdmin();
    var rotated = merchants.rotateWebhookSecret(id);
    audit.record("webhook-secret.rotate", id, null);
    caller.describe();
    show(id);
    models.put("rotated", rotated);
    return "merchant.html";
  }

  @POST
  @Path("{id}/status")
  public Response status(@PathParam("id") String id, @FormParam("status") String status) {
    requirePlatformAdmin();
    MerchantView m = merchants.get(id);
    merchants.update(
        id,
        null,
        m.notificationUrl(),
        "SUSPENDED".equals(status) ? MerchantView.Status.SUSPENDED : MerchantView.Status.ACTIVE);
    audit.record("merchant.status", id, "SUSPENDED".equals(status) ? "suspended" : "active");
    return Response.seeOther(URI.create("console/merchants/" + id)).build();
  }

  @POST
  @Path("{id}/users")
  public Response addUser(
      @PathParam("id") String id,
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("role") String role) {
    requirePlatformAdmin();
    merchants.get(id);
    ConsoleRole r = "SUPPORT".equals(role) ? ConsoleRole.SUPPORT : ConsoleRole.MERCHANT_ADMIN;
    try {
      users.add(username, password, r, id);
      audit.record("user.create", id, username + " (" + r.name() + ")");
    } catch (ApiProblem problem) {
      caller.describe();
      show(id);
      models.put("errors", Forms.byField(problem, null));
      models.put("userForm", Map.of("username", username == null ? "" : username));
      return Response.status(422).entity("merchant.html").build();
    }
    return Response.seeOther(URI.create("console/merchants/" + id)).build();
  }

  private void show(String id) {
    MerchantView m = merchants.get(id);
    models.put("merchant", m);
    models.put("keys", merchants.keys(id));
    models.put("users", users.ofMerchant(id));
    models.put("errors", Map.of());
    models.put("userForm", Map.of());
  }

  private void requirePlatformStaff() {
    if (caller.role() == ConsoleRole.MERCHANT_ADMIN || caller.merchantScope() != null) {
      throw new ForbiddenException();
    }
  }

  private void requirePlatformAdmin() {
    if (!caller.platformAdmin()) {
      throw new ForbiddenException();
    }
  }
}
