package com.stepup.gateway.stores.internal;

import com.stepup.gateway.platform.Idempotent;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.Stores;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** The partner API for a merchant's own stores and terminals: {@code /api/v1/stores}. */
@Path("api/v1/stores")
@ApplicationScoped
@PartnerAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class StoresResource {

  @Inject Stores stores;
  @Inject PartnerCaller caller;

  @GET
  public StreamedJson list(
      @QueryParam("q") String query,
      @QueryParam("page") Integer page,
      @QueryParam("size") Integer size) {
    int[] p = ListPage.request(page, size);
    return stores.list(caller.merchantId(), query, p[0], p[1]).streamed(StoreJson::writeStore);
  }

  @POST
  @Idempotent
  public Response create(String body) {
    JsonInput in = JsonInput.parse(body);
    StoreJson.StoreInput input = StoreJson.store(in);
    in.rejectAll(stores.check(input.type(), input.reference(), input.details()));
    in.check();
    StoreView store =
        stores.create(caller.merchantId(), input.type(), input.reference(), input.details());
    return Response.created(UriBuilder.fromPath("/api/v1/stores/{id}").build(store.id()))
        .entity(StoreJson.store(store).toString())
        .build();
  }

  @GET
  @Path("{id}")
  public String get(@PathParam("id") String id) {
    return StoreJson.store(stores.get(caller.merchantId(), id)).toString();
  }

  @PATCH
  @Path("{id}")
  public String update(@PathParam("id") String id, String body) {
    JsonInput in = JsonInput.parse(body);
    StoreView current = stores.get(caller.merchantId(), id);
    StoreView.Details details = StoreJson.changes(current.details(), in);
    in.check();
    return StoreJson.store(stores.update(caller.merchantId(), id, details)).toString();
  }

  /** Tries Klarna onboarding again for a store that is not onboarded. */
  @POST
  @Idempotent
  @Path("{id}/klarna-onboarding")
  public String retryOnboarding(@PathParam("id") String id) {
    return StoreJson.store(stores.retryOnboarding(caller.merchantId(), id)).toString();
  }

  @GET
  @Path("{id}/terminals")
  public String terminals(@PathParam("id") String storeId) {
    List<TerminalView> all = stores.terminals(caller.merchantId(), storeId);
    var items = Json.createArrayBuilder();
    all.forEach(t -> items.add(StoreJson.terminal(t)));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("page", 0)
        .add("size", all.size())
        .add("total", all.size())
        .build()
        .toString();
  }

  @POST
  @Idempotent
  @Path("{id}/terminals")
  public Response createTerminal(@PathParam("id") String storeId, String body) {
    JsonInput in = JsonInput.parse(body);
    var input = StoreJson.terminal(in, true);
    in.check();
    TerminalView t = stores.createTerminal(caller.merchantId(), storeId, input);
    return Response.created(
            UriBuilder.fromPath("/api/v1/stores/{s}/terminals/{t}").build(storeId, t.id()))
        .entity(StoreJson.terminal(t).toString())
        .build();
  }

  @GET
  @Path("{id}/terminals/{terminalId}")
  public String terminal(@PathParam("id") String storeId, @PathParam("terminalId") String id) {
    return StoreJson.terminal(stores.terminal(caller.merchantId(), storeId, id)).toString();
  }

  @PATCH
  @Path("{id}/terminals/{terminalId}")
  public String updateTerminal(
      @PathParam("id") String storeId, @PathParam("terminalId") String id, String body) {
    JsonInput in = JsonInput.parse(body);
    var input = StoreJson.terminal(in, false);
    in.check();
    return StoreJson.terminal(stores.updateTerminal(caller.merchantId(), storeId, id, input))
        .toString();
  }
}
