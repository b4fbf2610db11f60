package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.Idempotent;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The partner payment API: {@code /api/v1/payments}. Parses, checks, delegates. */
@Path("api/v1/payments")
@RequestScoped
@PartnerAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PaymentsResource {

  @Inject Payments payments;
  @Inject PartnerCaller caller;
  @Inject PaymentSettings settings;
  @Inject PaymentEventStream stream;

  @POST
  @Idempotent
  public Response create(@HeaderParam(Idempotent.HEADER) String idempotencyKey, String body) {
    NewPayment in = PaymentInput.read(body);
    PaymentView payment = payments.create(caller.merchant(), in, idempotencyKey, body);
    return Response.created(UriBuilder.fromPath("/api/v1/payments/{id}").build(payment.id()))
        .entity(json(payment))
        .build();
  }

  @GET
  public String list(
      @QueryParam("reference") String reference,
      @QueryParam("status") String status,
      @QueryParam("store_reference") String storeReference,
      @QueryParam("terminal_reference") String terminalReference,
      @QueryParam("created_from") String createdFrom,
      @QueryParam("created_to") String createdTo,
      @QueryParam("page") Integer page,
      @QueryParam("size") Integer size) {
    List<FieldError> errors = new ArrayList<>();
    PaymentStatus wanted = null;
    if (blankToNull(status) != null) {
      try {
        wanted = PaymentStatus.fromWire(status.strip());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "status",
                "must be one of pending, authorized, declined, expired, canceled, failed"));
      }
    }
    Instant from = instant("created_from", createdFrom, errors);
    Instant to = instant("created_to", createdTo, errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    int[] p = ListPage.request(page, size);
    var filter =
        new PaymentFilter(
            blankToNull(reference),
            wanted,
            blankToNull(storeReference),
            blankToNull(terminalReference),
            from,
            to);
    return payments
        .list(caller.merchantId(), filter, p[0], p[1])
        .toJson(v -> PaymentJson.payment(v, settings.baseUrl()))
        .toString();
  }

  @GET
  @Path("{id}")
  public String get(@PathParam("id") String id) {
    return json(payments.get(caller.merchantId(), id));
  }

  @GET
  @Path("{id}/timeline")
  public String timeline(@PathParam("id") String id) {
    return PaymentJson.timeline(id, payments.timeline(caller.merchantId(), id)).toString();
  }

  @POST
  @Idempotent
  @Path("{id}/cancel")
  public String cancel(@PathParam("id") String id) {
    return json(payments.cancel(caller.merchantId(), id, "the partner"));
  }

  /** One event per change of status or Klarna state, closing after a final status. */
  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
    PaymentView first = payments.get(caller.merchantId(), id); // 404 before the stream opens
    stream.follow(first, sink, sse);
  }

  private String json(PaymentView payment) {
    return PaymentJson.payment(payment, settings.baseUrl()).toString();
  }

  private static Instant instant(String field, String text, List<FieldError> errors) {
    if (blankToNull(text) == null) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(field, "must be an ISO-8601 instant, such as 2026-11-22T10:00:00Z"));
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
