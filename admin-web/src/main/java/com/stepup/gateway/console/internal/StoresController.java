package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.errors.DomainError;
import com.stepup.gateway.platform.errors.KlarnaRefused;
import com.stepup.gateway.platform.errors.KlarnaUnavailable;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.Stores;
import com.stepup.gateway.stores.TerminalInput;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores and terminals in the console. Merchant admins see and change their own; platform admins
 * and support see all; support cannot change anything. Another merchant's store is "not found".
 */
@Controller
@RequestScoped
@Path("console/stores")
public class StoresController {

  static final int PAGE_SIZE = 20;

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject ConsoleAudit audit;
  @Inject Stores stores;
  @Inject HttpServletRequest request;
  @Inject Clock clock;

  @GET
  public String list(@QueryParam("q") String query, @QueryParam("page") Integer page) {
    caller.describe();
    int p = page == null || page < 0 ? 0 : page;
    ListPage<StoreView> result =
        caller.storeManager()
            ? storeManagers(query)
            : stores.list(caller.merchantScope(), query, p, PAGE_SIZE);
    models.put("stores", result);
    models.put("q", query == null ? "" : query);
    return "stores.html";
  }

  @GET
  @Path("new")
  public String newStore() {
    caller.requireStoreEditor();
    caller.describe();
    models.put("form", new LinkedHashMap<String, String>(Map.of("type", "PHYSICAL_STORE")));
    models.put("errors", Map.of());
    return "store-new.html";
  }

  @POST
  @Path("new")
  public Response create(@BeanParam StoreFormParams form) {
    caller.requireStoreEditor();
    StoreType type = form.type();
    try {
      StoreView store =
          stores.create(caller.merchantScope(), type, form.reference(), form.details(type));
      audit.record("store.create", store.id(), store.storeReference());
      return done(store.id(), "store-created");
    } catch (DomainError refused) {
      return formAgain(null, form.asMap(), refused);
    }
  }

  @GET
  @Path("{id}/edit")
  public String edit(@PathParam("id") String id) {
    caller.requireStoreEditor();
    caller.describe();
    StoreView store = stores.get(caller.merchantScope(), id);
    models.put("editing", store);
    models.put("form", StoreFormParams.of(store));
    models.put("errors", Map.of());
    return "store-new.html";
  }

  /** Type and reference never change; the form's disabled fields are not sent. */
  @POST
  @Path("{id}/edit")
  public Response update(@PathParam("id") String id, @BeanParam StoreFormParams form) {
    caller.requireStoreEditor();
    StoreView store = stores.get(caller.merchantScope(), id);
    try {
      stores.update(caller.merchantScope(), id, form.details(store.type()));
      audit.record("store.edit", id, store.storeReference());
      return done(id, "store-saved");
    } catch (DomainError refused) {
      Map<String, String> shown = form.asMap();
      shown.put("type", store.type().name());
      shown.put("store_reference", store.storeReference());
      return formAgain(store, shown, refused);
    }
  }

  @POST
  @Path("{id}/terminals/{terminalId}/active")
  public Response activate(
      @PathParam("id") String id,
      @PathParam("terminalId") String terminalId,
      @FormParam("active") String active,
      @FormParam("confirmed") String confirmed) {
    caller.requireStoreEditor();
    boolean on = "true".equals(active);
    if (!on && !Confirmation.given(confirmed)) {
      return ask(
          "confirm.deactivate",
          id,
          stores.terminal(caller.merchantScope(), id, terminalId),
          "active",
          Map.of("active", "false"));
    }
    stores.updateTerminal(
        caller.merchantScope(), id, terminalId, new TerminalInput(null, null, null, on));
    audit.record(on ? "terminal.activate" : "terminal.deactivate", terminalId, id);
    return done(id, on ? "terminal-activated" : "terminal-deactivated");
  }

  @GET
  @Path("{id}")
  public String store(@PathParam("id") String id) {
    caller.describe();
    show(id);
    models.put("errors", Map.of());
    models.put("form", Map.of());
    return "store.html";
  }

  @POST
  @Path("{id}/klarna-onboarding")
  public Response retry(@PathParam("id") String id) {
    caller.requireOperator();
    stores.retryOnboarding(caller.merchantScope(), id);
    audit.record("store.onboarding-retry", id, null);
    return done(id, "onboarding-retried");
  }

  @POST
  @Path("{id}/terminals")
  public Response addTerminal(
      @PathParam("id") String id,
      @FormParam("terminal_reference") String reference,
      @FormParam("name") String name,
      @FormParam("has_display") String hasDisplay) {
    caller.requireStoreEditor();
    try {
      stores.createTerminal(
          caller.merchantScope(),
          id,
          new TerminalInput(
              Forms.blankToNull(reference), Forms.blankToNull(name), hasDisplay != null, true));
      audit.record("terminal.create", id, reference);
      return done(id, "terminal-added");
    } catch (DomainError refused) {
      if (refused instanceof NotFound) {
        throw refused;
      }
      caller.describe();
      show(id);
      var errors = Forms.byField(refused, "address.");
      models.put("errors", errors);
      // said once: at its field when it has one, above the form only when it has none
      models.put("problem", errors.isEmpty() ? refused.getMessage() : null);
      models.put(
          "form",
          Map.of(
              "terminal_reference", reference == null ? "" : reference,
              "name", name == null ? "" : name,
              "has_display", hasDisplay != null ? "true" : ""));
      return Response.status(422).entity("store.html").build();
    }
  }

  /**
   * A new link for the terminal's customer-facing display, shown once (full URL, a QR code of it
   * and a copy button) on the page this redirects to. Replacing a paired display asks first.
   */
  @POST
  @Path("{id}/terminals/{terminalId}/display-link")
  public Response rotateDisplayLink(
      @PathParam("id") String id,
      @PathParam("terminalId") String terminalId,
      @FormParam("confirmed") String confirmed) {
    caller.requireStoreEditor();
    var t = stores.terminal(caller.merchantScope(), id, terminalId);
    if (t.displayLinkedAt() != null && !Confirmation.given(confirmed)) {
      return ask("confirm.newlink", id, t, "display-link", Map.of());
    }
    String token = stores.rotateDisplayToken(caller.merchantScope(), id, terminalId);
    audit.record("terminal.display-link", terminalId, id);
    String url = publicBaseUrl() + "/display/" + token;
    caller.flash(
        Map.of("displayTerminal", terminalId, "displayUrl", url, "displayQr", DisplayQr.svg(url)));
    return Response.seeOther(URI.create("console/stores/" + id + "#terminal-" + terminalId))
        .build();
  }

  @POST
  @Path("{id}/terminals/{terminalId}/display-disconnect")
  public Response disconnectDisplay(
      @PathParam("id") String id,
      @PathParam("terminalId") String terminalId,
      @FormParam("confirmed") String confirmed) {
    caller.requireStoreEditor();
    if (!Confirmation.given(confirmed)) {
      var t = stores.terminal(caller.merchantScope(), id, terminalId);
      return ask("confirm.disconnect", id, t, "display-disconnect", Map.of());
    }
    stores.disconnectDisplay(caller.merchantScope(), id, terminalId);
    audit.record("terminal.display-disconnect", terminalId, id);
    return done(id, "display-disconnected");
  }

  /** Where the gateway is reached from outside; the request's own address when not set. */
  private String publicBaseUrl() {
    String configured = ConsoleAuthentication.publicBaseUrl().replaceAll("/+$", "");
    return !configured.isEmpty()
        ? configured
        : request.getScheme()
            + "://"
            + request.getServerName()
            + ":"
            + request.getServerPort()
            + request.getContextPath();
  }

  /**
   * The confirmation of a terminal action ({@code /console/stores/{id}/terminals/{t}/{action}}).
   */
  private Response ask(
      String question, String storeId, TerminalView t, String action, Map<String, String> fields) {
    caller.describe();
    return Confirmation.ask(
        models,
        question,
        t.terminalReference(),
        "/console/stores/" + storeId + "/terminals/" + t.id() + "/" + action,
        "/console/stores/" + storeId,
        fields);
  }

  private Response done(String id, String what) {
    return Response.seeOther(URI.create("console/stores/" + id + "?done=" + what)).build();
  }

  /** A store manager's own stores (a few), on one page. */
  private ListPage<StoreView> storeManagers(String query) {
    var theirs =
        stores.list(caller.storesMerchant(), query, 0, 1000).items().stream()
            .filter(s -> caller.seesStore(s.id()))
            .toList();
    return new ListPage<>(theirs, 0, Math.max(PAGE_SIZE, theirs.size()), theirs.size());
  }

  private void show(String id) {
    if (!caller.seesStore(id)) {
      throw new NotFound("Store " + id);
    }
    StoreView store = stores.get(caller.storesMerchant(), id);
    models.put("store", store);
    models.put("terminals", stores.terminals(store.merchantId(), id));
    models.put("now", clock.instant());
  }

  private Response formAgain(StoreView editing, Map<String, String> form, DomainError refused) {
    caller.describe();
    if (editing != null) {
      models.put("editing", editing);
    }
    models.put("form", form);
    models.put("errors", Forms.byField(refused, "address."));
    models.put("problem", refused.getMessage());
    boolean klarna = refused instanceof KlarnaRefused || refused instanceof KlarnaUnavailable;
    return Response.status(klarna ? 502 : 422).entity("store-new.html").build();
  }
}
