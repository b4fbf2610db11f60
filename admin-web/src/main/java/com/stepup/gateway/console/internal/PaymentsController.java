package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.webhooks.PartnerNotifications;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;

/**
 * Payments for support staff and admins: search and filters, paging and sorting, CSV of the current
 * filter, the detail with its timeline, and the operator actions (cancel, retry the final
 * authorization) with a confirmation step and an audit line. Support users only read; a merchant's
 * people see only their merchant's payments.
 */
@Controller
@RequestScoped
@Path("console/payments")
public class PaymentsController {

  static final int PAGE_SIZE = 25;

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject Payments payments;
  @Inject Merchants merchants;
  @Inject PartnerNotifications notifications;
  @Inject ConsoleAudit audit;
  @Inject Clock clock;

  @GET
  public String list(@BeanParam ConsolePaymentFilter form) {
    caller.describe();
    String merchant = form.merchant(caller.merchantScope());
    models.put("payments", payments.list(merchant, form.filter(), form.page(), PAGE_SIZE));
    models.put("form", form.values());
    if (caller.merchantScope() == null) {
      models.put("merchants", merchants.list(null, 0, 200).items());
    }
    return "payments.html";
  }

  @GET
  @Path("{id}")
  public String payment(@PathParam("id") String id) {
    caller.describe();
    show(id);
    return "payment.html";
  }

  /** The confirmation step before a cancel. */
  @GET
  @Path("{id}/cancel")
  public String confirmCancel(@PathParam("id") String id) {
    caller.requireOperator();
    caller.describe();
    show(id);
    models.put("confirm", "cancel");
    return "payment.html";
  }

  @POST
  @Path("{id}/cancel")
  public Response cancel(@PathParam("id") String id) {
    return operate(
        id,
        "payment.cancel",
        () -> payments.cancelByOperator(caller.merchantScope(), id, caller.username()));
  }

  @POST
  @Path("{id}/retry")
  public Response retry(@PathParam("id") String id) {
    return operate(
        id,
        "payment.retry-final-authorization",
        () -> payments.retryFinalAuthorization(caller.merchantScope(), id, caller.username()));
  }

  /** An operator action: done and audited, then the detail again; a refusal shown on it. */
  private Response operate(String id, String action, Runnable act) {
    caller.requireOperator();
    try {
      act.run();
      audit.record(action, id, null);
    } catch (ApiProblem problem) {
      return again(id, problem);
    } catch (com.stepup.gateway.platform.errors.DomainError refused) {
      return again(id, ApiProblem.from(refused));
    }
    return Response.seeOther(URI.create("console/payments/" + id)).build();
  }

  private Response again(String id, ApiProblem problem) {
    if (problem.status() == 404) {
      throw problem;
    }
    caller.describe();
    show(id);
    models.put("problem", problem.getMessage());
    return Response.status(problem.status()).entity("payment.html").build();
  }

  private void show(String id) {
    String scope = caller.merchantScope();
    PaymentView p = payments.get(scope, id);
    models.put("payment", p);
    models.put("timeline", payments.timeline(scope, id));
    models.put("notifications", notifications.list(scope, null, id, 0, 20).items());
    models.put("canOperate", caller.role() != ConsoleRole.SUPPORT);
    models.put("now", clock.instant());
    models.put("merchantName", merchants.find(p.merchantId()).map(m -> m.name()).orElse(""));
  }
}
