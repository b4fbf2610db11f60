package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.Stores;
import com.stepup.gateway.stores.TerminalInput;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
  @Inject Stores stores;

  @GET
  public String list(@QueryParam("q") String query, @QueryParam("page") Integer page) {
    caller.describe();
    int p = page == null || page < 0 ? 0 : page;
    ListPage<StoreView> result = stores.list(caller.merchantScope(), query, p, PAGE_SIZE);
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
  public Response create(
      @FormParam("type") String type,
      @FormParam("store_reference") String reference,
      @FormParam("name") String name,
      @FormParam("street_address") String street,
      @FormParam("postal_code") String postalCode,
      @FormParam("city") String city,
      @FormParam("region") String region,
      @FormParam("country") String country,
      @FormParam("url") String url,
      @FormParam("platform") String platform,
      @FormParam("bundle_names") String bundleNames) {
    caller.requireStoreEditor();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("type", type);
    form.put("store_reference", reference);
    form.put("name", name);
    form.put("street_address", street);
    form.put("postal_code", postalCode);
    form.put("city", city);
    form.put("region", region);
    form.put("country", country);
    form.put("url", url);
    form.put("platform", platform);
    form.put("bundle_names", bundleNames);
    StoreType storeType = parseType(type);
    var details =
        details(
            storeType, name, street, postalCode, city, region, country, url, platform, bundleNames);
    try {
      StoreView store =
          stores.create(caller.merchantScope(), storeType, Forms.blankToNull(reference), details);
      return Response.seeOther(URI.create("console/stores/" + store.id())).build();
    } catch (ApiProblem problem) {
      caller.describe();
      models.put("form", form);
      models.put("errors", Forms.byField(problem, "address."));
      models.put("problem", problem.getMessage());
      return Response.status(problem.status() >= 500 ? 502 : 422).entity("store-new.html").build();
    }
  }

  @GET
  @Path("{id}/edit")
  public String edit(@PathParam("id") String id) {
    caller.requireStoreEditor();
    caller.describe();
    StoreView store = stores.get(caller.merchantScope(), id);
    models.put("editing", store);
    models.put("form", formOf(store));
    models.put("errors", Map.of());
    return "store-new.html";
  }

  @POST
  @Path("{id}/edit")
  public Response update(
      @PathParam("id") String id,
      @FormParam("name") String name,
      @FormParam("street_address") String street,
      @FormParam("postal_code") String postalCode,
      @FormParam("city") String city,
      @FormParam("region") String region,
      @FormParam("country") String country,
      @FormParam("url") String url,
      @FormParam("platform") String platform,
      @FormParam("bundle_names") String bundleNames) {
    caller.requireStoreEditor();
    StoreView store;
    try {
      store = stores.get(caller.merchantScope(), id);
    } catch (ApiProblem notFound) {
      throw new NotFoundException();
    }
    try {
      stores.update(
          caller.merchantScope(),
          id,
          details(
              store.type(),
              name,
              street,
              postalCode,
              city,
              region,
              country,
              url,
              platform,
              bundleNames));
      return Response.seeOther(URI.create("console/stores/" + id)).build();
    } catch (ApiProblem problem) {
      caller.describe();
      Map<String, String> form = formOf(store);
      form.put("name", name);
      form.put("street_address", street);
      form.put("postal_code", postalCode);
      form.put("city", city);
      form.put("region", region);
      form.put("country", country);
      form.put("url", url);
      form.put("platform", platform);
      form.put("bundle_names", bundleNames);
      models.put("editing", store);
      models.put("form", form);
      models.put("errors", Forms.byField(problem, "address."));
      models.put("problem", problem.getMessage());
      return Response.status(problem.status() >= 500 ? 502 : 422).entity("store-new.html").build();
    }
  }

  @POST
  @Path("{id}/terminals/{terminalId}/active")
  public Response activate(
      @PathParam("id") String id,
      @PathParam("terminalId") String terminalId,
      @FormParam("active") String active) {
    caller.requireStoreEditor();
    try {
      stores.updateTerminal(
          caller.merchantScope(),
          id,
          terminalId,
          new TerminalInput(null, null, null, "true".equals(active)));
    } catch (ApiProblem notFound) {
      throw new NotFoundException();
    }
    return Response.seeOther(URI.create("console/stores/" + id)).build();
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
    stores.retryOnboarding(scopeOf(id), id);
    return Response.seeOther(URI.create("console/stores/" + id)).build();
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
      return Response.seeOther(URI.create("console/stores/" + id)).build();
    } catch (ApiProblem problem) {
      if (problem.status() == 404) {
        throw new NotFoundException();
      }
      caller.describe();
      show(id);
      models.put("errors", Forms.byField(problem, "address."));
      models.put("problem", problem.getMessage());
      models.put(
          "form",
          Map.of(
              "terminal_reference", reference == null ? "" : reference,
              "name", name == null ? "" : name));
      return Response.status(422).entity("store.html").build();
    }
  }

  private static StoreView.Details details(
      StoreType storeType,
      String name,
      String street,
      String postalCode,
      String city,
      String region,
      String country,
      String url,
      String platform,
      String bundleNames) {
    boolean physical = storeType == StoreType.PHYSICAL_STORE;
    return new StoreView.Details(
        Forms.blankToNull(name),
        physical
            ? new StoreView.Address(
                Forms.blankToNull(street),
                null,
                Forms.blankToNull(postalCode),
                Forms.blankToNull(city),
                Forms.blankToNull(region),
                Forms.blankToNull(country) == null
                    ? null
                    : country.strip().toUpperCase(Locale.ROOT))
            : null,
        storeType == StoreType.WEBSITE ? Forms.blankToNull(url) : null,
        storeType == StoreType.MOBILE_APP ? Forms.blankToNull(platform) : null,
        storeType == StoreType.MOBILE_APP && Forms.blankToNull(bundleNames) != null
            ? Arrays.stream(bundleNames.split("[,\\n]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList()
            : List.of());
  }

  private static Map<String, String> formOf(StoreView store) {
    Map<String, String> form = new LinkedHashMap<>();
    var d = store.details();
    form.put("type", store.type().name());
    form.put("store_reference", store.storeReference());
    form.put("name", d.name());
    if (d.address() != null) {
      form.put("street_address", d.address().streetAddress());
      form.put("postal_code", d.address().postalCode());
      form.put("city", d.address().city());
      form.put("region", d.address().region());
      form.put("country", d.address().country());
    }
    form.put("url", d.url());
    form.put("platform", d.platform());
    form.put("bundle_names", String.join(", ", d.bundleNames()));
    return form;
  }

  private void show(String id) {
    String scope = caller.merchantScope();
    StoreView store;
    try {
      store = stores.get(scope, id);
    } catch (ApiProblem notFound) {
      throw new NotFoundException();
    }
    models.put("store", store);
    models.put("terminals", stores.terminals(store.merchantId(), id));
  }

  /** Platform admins act on any merchant's store; others only on their own. */
  private String scopeOf(String storeId) {
    String scope = caller.merchantScope();
    try {
      return stores.get(scope, storeId).merchantId();
    } catch (ApiProblem notFound) {
      throw new NotFoundException();
    }
  }

  private static StoreType parseType(String type) {
    try {
      return type == null ? null : StoreType.valueOf(type);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
