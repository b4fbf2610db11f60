package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.MoneyStatus;
import com.stepup.gateway.payments.NewCapture;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.NewRefund;
import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.payments.PaymentSettlementView;
import com.stepup.gateway.payments.PaymentSettlements;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.IdempotencyClaim;
import com.stepup.gateway.platform.Idempotent;
import com.stepup.gateway.platform.KeysetPage;
import com.stepup.gateway.platform.ListCursor;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The partner payment API: {@code /api/v1/payments}. Parses, checks, delegates. */
@Path("api/v1/payments")
@ApplicationScoped
@PartnerAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PaymentsResource {

  @Inject Payments payments;
  @Inject PartnerCaller caller;
  @Inject PaymentSettings settings;
  @Inject PaymentEventStream stream;
  @Inject PaymentMetrics metrics;
  @Inject Instance<PaymentSettlements> settlements;
  @Inject IdempotencyClaim claim;

  /**
   * Takes a payment. Its Idempotency-Key's claim is written with the payment, and the answer with
   * Klarna's answer, in the payment's own transactions ({@link Idempotent.ClaimedByResource}).
   */
  @POST
  @Idempotent
  @Idempotent.ClaimedByResource
  public Response create(@HeaderParam(Idempotent.HEADER) String idempotencyKey, String body) {
    NewPayment in = PaymentInput.read(body);
    IdempotencyClaim key = idempotencyKey == null ? IdempotencyClaim.NONE : claim;
    PaymentView payment =
        payments.create(caller.merchant(), in, idempotencyKey, body, key, this::created);
    metrics.created(payment.method().name(), payment.status().wire());
    IdempotencyClaim.Answer answer = key.answered().orElseGet(() -> created(payment));
    return Response.status(answer.status())
        .type(answer.type())
        .location(URI.create(answer.location()))
        .entity(answer.body())
        .build();
  }

  /** The answer to a create, as the response carries it and its key keeps it. */
  private IdempotencyClaim.Answer created(PaymentView payment) {
    return new IdempotencyClaim.Answer(
        201,
        MediaType.APPLICATION_JSON,
        UriBuilder.fromPath("/api/v1/payments/{id}").build(payment.id()).toString(),
        json(payment).toString());
  }

  @GET
  public StreamedJson list(
      @BeanParam ListFilters filters,
      @QueryParam("page") Integer page,
      @QueryParam("size") Integer size) {
    PaymentFilter filter = filters.check(new ArrayList<>());
    int[] p = ListPage.request(page, size);
    var found = payments.list(caller.merchantId(), filter, p[0], p[1]);
    var settled = settlementsOf(found.items());
    return found.streamed(
        (json, v) -> PaymentJson.write(json, v, settings.baseUrl(), settled.apply(v)));
  }

  /**
   * The same list walked with a cursor (keyset pages): newest first, each page starting after the
   * last one answered, so no payment is skipped or repeated while new ones arrive; no count unless
   * {@code count=true}. {@code after} is a page's {@code next}, valid with the same filters only.
   */
  @GET
  @Path("cursor")
  public StreamedJson listByCursor(
      @BeanParam ListFilters filters,
      @QueryParam("after") String after,
      @QueryParam("size") Integer size,
      @QueryParam("count") String count) {
    List<FieldError> errors = new ArrayList<>();
    boolean counted = false;
    if (blankToNull(count) != null) {
      switch (count.strip()) {
        case "true" -> counted = true;
        case "false" -> counted = false;
        default -> errors.add(new FieldError("count", "must be true or false"));
      }
    }
    int s = 0;
    try {
      s = KeysetPage.size(size);
    } catch (ApiProblem e) {
      errors.addAll(e.errors());
    }
    PaymentFilter filter = filters.check(errors);
    String bound = ListFilters.text(filter);
    ListCursor from =
        blankToNull(after) == null ? null : ListCursor.decode(after.strip(), bound, "after");
    var found = payments.listAfter(caller.merchantId(), filter, from, s, counted);
    var settled = settlementsOf(found.items());
    return found.streamed(
        (json, v) -> PaymentJson.write(json, v, settings.baseUrl(), settled.apply(v)), bound);
  }

  @GET
  @Path("{id}")
  public StreamedJson get(@PathParam("id") String id) {
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
  public StreamedJson cancel(
      @PathParam("id") String id, @HeaderParam(Idempotent.HEADER) String key) {
    return json(payments.cancel(caller.merchantId(), id, "the partner", key));
  }

  /**
   * Captures part or all of what is authorized: 201 with the capture, or 202 with it {@code
   * pending} when Klarna has not answered yet (the gateway sends it again with the same key). Its
   * Idempotency-Key's claim is written with the capture, and the answer with Klarna's answer
   * ({@link Idempotent.ClaimedByResource}).
   */
  @POST
  @Idempotent
  @Idempotent.ClaimedByResource
  @Path("{id}/captures")
  public Response capture(
      @PathParam("id") String id, @HeaderParam(Idempotent.HEADER) String key, String body) {
    NewCapture in = PaymentInput.capture(body);
    IdempotencyClaim bound = key == null ? IdempotencyClaim.NONE : claim;
    MoneyMovement m =
        payments.capture(caller.merchantId(), id, in, key, bound, v -> moved(v, "captures"));
    return answer(bound.answered().orElseGet(() -> moved(m, "captures")));
  }

  @GET
  @Path("{id}/captures")
  public String captures(@PathParam("id") String id) {
    return movements(id, "capture");
  }

  /**
   * Refunds part or all of what was captured: 201 with the refund (202 while pending); its key
   * bound in the refund's own transactions, as a capture's is.
   */
  @POST
  @Idempotent
  @Idempotent.ClaimedByResource
  @Path("{id}/refunds")
  public Response refund(
      @PathParam("id") String id, @HeaderParam(Idempotent.HEADER) String key, String body) {
    NewRefund in = PaymentInput.refund(body);
    IdempotencyClaim bound = key == null ? IdempotencyClaim.NONE : claim;
    MoneyMovement m =
        payments.refund(caller.merchantId(), id, in, key, bound, v -> moved(v, "refunds"));
    return answer(bound.answered().orElseGet(() -> moved(m, "refunds")));
  }

  @GET
  @Path("{id}/refunds")
  public String refunds(@PathParam("id") String id) {
    return movements(id, "refund");
  }

  /**
   * Releases what is authorized and not captured: 200 with the payment (202 while Klarna's answer
   * is pending); 409 when nothing is left to release.
   */
  @POST
  @Idempotent
  @Path("{id}/release")
  public Response release(@PathParam("id") String id, @HeaderParam(Idempotent.HEADER) String key) {
    MoneyMovement release = payments.release(caller.merchantId(), id, null, key);
    return Response.status("pending".equals(release.status()) ? 202 : 200)
        .entity(json(payments.get(caller.merchantId(), id)))
        .build();
  }

  @GET
  @Path("{id}/{collection: captures|refunds}/{op}")
  public String movement(
      @PathParam("id") String id,
      @PathParam("collection") String collection,
      @PathParam("op") String op) {
    String kind = collection.substring(0, collection.length() - 1);
    return payments.movements(caller.merchantId(), id).stream()
        .filter(m -> m.id().equals(op) && m.kind().equals(kind))
        .findFirst()
        .map(m -> PaymentJson.movement(m).toString())
        .orElseThrow(() -> new NotFound(kind + " " + op));
  }

  /** The answer to a capture or a refund, as the response carries it and its key keeps it. */
  private static IdempotencyClaim.Answer moved(MoneyMovement m, String collection) {
    return new IdempotencyClaim.Answer(
        "pending".equals(m.status()) ? 202 : 201,
        MediaType.APPLICATION_JSON,
        UriBuilder.fromPath("/api/v1/payments/{id}/" + collection + "/{op}")
            .build(m.paymentId(), m.id())
            .toString(),
        PaymentJson.movement(m).toString());
  }

  private static Response answer(IdempotencyClaim.Answer answer) {
    return Response.status(answer.status())
        .type(answer.type())
        .location(URI.create(answer.location()))
        .entity(answer.body())
        .build();
  }

  private String movements(String id, String kind) {
    return PaymentJson.movements(
            id,
            payments.movements(caller.merchantId(), id).stream()
                .filter(m -> m.kind().equals(kind))
                .toList())
        .toString();
  }

  /** One event per change of status or Klarna state, closing after a final status. */
  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
    PaymentView first = payments.get(caller.merchantId(), id); // 404 before the stream opens
    var refused =
        stream.follow(
            first,
            caller.key().id(),
            sink,
            sse); // the key's id: "Bearer  k", "BEARER k" are one key
    if (refused.isPresent()) {
      // nothing was written to the stream: the caps' answer goes out as a plain problem
      throw new WebApplicationException(
          Response.status(429)
              .type(ApiProblem.MEDIA_TYPE)
              .header("Retry-After", STREAM_RETRY_AFTER_SECONDS)
              .entity(
                  new ApiProblem(
                          429,
                          "https://stepup.dev/problems/too-many-streams",
                          "Too many requests",
                          refused.get(),
                          List.of())
                      .toJson()
                      .toString())
              .build());
    }
  }

  static final String STREAM_RETRY_AFTER_SECONDS = "15";

  private StreamedJson json(PaymentView payment) {
    return PaymentJson.streamed(
        payment, settings.baseUrl(), settlementsOf(List.of(payment)).apply(payment));
  }

  /**
   * Each payment's {@code settlement}: asked of the settlements module only for payments that have
   * captured something (one query for the page); {@code none} for the others.
   */
  private Function<PaymentView, PaymentSettlementView> settlementsOf(List<PaymentView> page) {
    if (!settlements.isResolvable()) {
      return v -> null; // a deployment without the settlements module says nothing
    }
    List<String> moved =
        page.stream()
            .filter(v -> v.amounts().captured() > 0 || v.amounts().refunded() > 0)
            .map(PaymentView::id)
            .toList();
    Map<String, PaymentSettlementView> found =
        moved.isEmpty() ? Map.of() : settlements.get().of(moved);
    return v -> found.getOrDefault(v.id(), PaymentSettlementView.NONE);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * The partner's payment list filters, as both lists (by page and by cursor) take them from the
   * query ({@code @BeanParam}): read once here, checked once by {@link #check}. Nested here, it is
   * part of the resource, the module's HTTP edge.
   */
  static class ListFilters {

    @QueryParam("reference")
    String reference;

    @QueryParam("status")
    String status;

    @QueryParam("money_status")
    String moneyStatus;

    @QueryParam("store_reference")
    String storeReference;

    @QueryParam("terminal_reference")
    String terminalReference;

    @QueryParam("created_from")
    String createdFrom;

    @QueryParam("created_to")
    String createdTo;

    /**
     * The filters, checked: a 400 problem naming every bad one, after the {@code errors} the caller
     * found before.
     */
    PaymentFilter check(List<FieldError> errors) {
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
      MoneyStatus money = null;
      if (blankToNull(moneyStatus) != null) {
        try {
          money = MoneyStatus.fromWire(moneyStatus);
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("money_status", e.getMessage()));
        }
      }
      Instant from = instant("created_from", createdFrom, errors);
      Instant to = instant("created_to", createdTo, errors);
      if (!errors.isEmpty()) {
        throw ApiProblem.invalid(errors);
      }
      return new PaymentFilter(
              blankToNull(reference),
              wanted,
              blankToNull(storeReference),
              blankToNull(terminalReference),
              from,
              to)
          .withMoneyStatus(money);
    }

    /**
     * The partner filters as one text, what a cursor is bound to: the same filters, however written
     * ({@code status=Declined} or {@code status=declined}, an instant with an offset or in UTC),
     * make the same text.
     */
    static String text(PaymentFilter f) {
      return String.join(
          "\n",
          "reference=" + Objects.toString(f.reference(), ""),
          "status=" + (f.status() == null ? "" : f.status().wire()),
          "money_status=" + (f.moneyStatus() == null ? "" : f.moneyStatus().wire()),
          "store_reference=" + Objects.toString(f.storeReference(), ""),
          "terminal_reference=" + Objects.toString(f.terminalReference(), ""),
          "created_from=" + Objects.toString(f.createdFrom(), ""),
          "created_to=" + Objects.toString(f.createdTo(), ""));
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
  }
}
