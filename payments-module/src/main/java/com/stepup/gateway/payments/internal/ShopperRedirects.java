package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;

/**
 * The shopper's way through the gateway's own domain: {@code /pay/{id}} on to Klarna's Purchase
 * Journey, and {@code /return/{id}} (the {@code return_url} Klarna gets) back to the partner's
 * {@code return_url} with the outcome, finalizing on the way when it can.
 */
@Path("")
@ApplicationScoped
public class ShopperRedirects {

  @Inject Payments payments;
  @Inject ShownToShopper shown;

  @GET
  @Path("pay/{id}")
  public Response pay(@PathParam("id") String id) {
    PaymentView p = payments.find(id).orElseThrow(() -> ApiProblem.notFound("The payment"));
    String journey =
        p.klarna().paymentRequestUrl() != null
            ? p.klarna().paymentRequestUrl()
            : p.klarna().qrTargetUrl();
    if (p.status() == PaymentStatus.PENDING && journey != null) {
      shown.sentToKlarna(p.id());
      return Response.seeOther(URI.create(journey)).build();
    }
    if (p.status().isFinal() && p.returnUrl() != null) {
      return backToPartner(p);
    }
    throw ApiProblem.conflict(null, "This payment cannot be paid any more.");
  }

  @GET
  @Path("return/{id}")
  public Response back(@PathParam("id") String id) {
    PaymentView p = payments.returnFromKlarna(id);
    if (p.returnUrl() == null) {
      throw ApiProblem.notFound("A page to return to");
    }
    return backToPartner(p);
  }

  private static Response backToPartner(PaymentView p) {
    URI target =
        UriBuilder.fromUri(p.returnUrl())
            .queryParam("payment_id", p.id())
            .queryParam("status", p.status().wire())
            .build();
    return Response.seeOther(target).header("Cache-Control", "no-store").build();
  }
}
