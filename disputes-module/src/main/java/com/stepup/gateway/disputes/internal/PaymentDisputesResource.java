package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.Disputes;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/payments/{id}/disputes}: a payment's disputes, newest first. */
@Path("api/v1/payments/{id}/disputes")
@ApplicationScoped
@PartnerAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class PaymentDisputesResource {

  @Inject Disputes disputes;
  @Inject PartnerCaller caller;
  @Inject com.stepup.gateway.payments.Payments payments;

  @GET
  public String list(@PathParam("id") String paymentId) {
    payments.get(caller.merchantId(), paymentId); // another merchant's payment: 404
    var items = Json.createArrayBuilder();
    var found = disputes.forPayment(caller.merchantId(), paymentId);
    found.forEach(d -> items.add(DisputeJson.dispute(d)));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("page", 0)
        .add("size", Math.max(found.size(), 1))
        .add("total", found.size())
        .build()
        .toString();
  }
}
