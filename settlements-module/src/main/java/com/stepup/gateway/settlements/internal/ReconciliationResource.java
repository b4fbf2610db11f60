package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.settlements.Settlements;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The merchant's reconciliation items: {@code GET /api/v1/reconciliation/items?state=&kind=}.
 * Resolving one is for platform admins (the admin API, in the console module).
 */
@Path("api/v1/reconciliation/items")
@ApplicationScoped
@PartnerAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ReconciliationResource {

  @Inject Settlements settlements;
  @Inject PartnerCaller caller;

  @GET
  public StreamedJson list(
      @QueryParam("state") String state,
      @QueryParam("kind") String kind,
      @QueryParam("page") Integer page,
      @QueryParam("size") Integer size) {
    int[] p = ListPage.request(page, size);
    return settlements
        .items(caller.merchantId(), blankToNull(state), blankToNull(kind), p[0], p[1])
        .streamed(SettlementJson::writeItem);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
