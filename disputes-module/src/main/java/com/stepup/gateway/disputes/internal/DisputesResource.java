package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.Answer;
import com.stepup.gateway.disputes.DisputeFilter;
import com.stepup.gateway.disputes.DisputeState;
import com.stepup.gateway.disputes.Disputes;
import com.stepup.gateway.disputes.NewAttachment;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.Idempotent;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.platform.JsonInput;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The partner disputes API: {@code /api/v1/disputes}. Parses, checks, delegates. */
@Path("api/v1/disputes")
@ApplicationScoped
@PartnerAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class DisputesResource {

  static final List<String> REASONS =
      List.of(
          "REFUND_NOT_PROCESSED",
          "PRODUCTS_OR_SERVICES_NOT_RECEIVED",
          "PRODUCTS_DEFECTIVE_OR_NOT_AS_DESCRIBED",
          "INCORRECT_AMOUNT",
          "PURCHASE_UNAUTHORIZED",
          "PURCHASE_HIGH_RISK",
          "NON_COMPLIANCE",
          "NON_GUARANTEED_PAYMENT_PROGRAM");

  /** The largest body an upload may be: the file's 7 MiB and the form around it. */
  static final long MAX_UPLOAD_BODY = AttachmentCheck.MAX_BYTES + 64 * 1024;

  @Inject Disputes disputes;
  @Inject PartnerCaller caller;

  @GET
  public StreamedJson list(
      @QueryParam("state") String state,
      @QueryParam("reason") String reason,
      @QueryParam("payment_id") String paymentId,
      @QueryParam("due_before") String dueBefore,
      @QueryParam("sort") String sort,
      @QueryParam("page") Integer page,
      @QueryParam("size") Integer size) {
    List<FieldError> errors = new ArrayList<>();
    DisputeState wanted = null;
    if (blank(state) != null) {
      try {
        wanted = DisputeState.fromWire(state.strip());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "state",
                "must be one of INITIATED, REPRESENTMENT, PRE_ARBITRATION, ARBITRATION, CLOSED"));
      }
    }
    if (blank(reason) != null && !REASONS.contains(reason.strip())) {
      errors.add(new FieldError("reason", "must be one of " + String.join(", ", REASONS)));
    }
    Instant due = null;
    if (blank(dueBefore) != null) {
      try {
        due = OffsetDateTime.parse(dueBefore.strip()).toInstant();
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("due_before", "must be an ISO 8601 date-time with an offset"));
      }
    }
    if (blank(sort) != null && !Set.of("created_at", "due_at").contains(sort.strip())) {
      errors.add(new FieldError("sort", "must be created_at (newest first) or due_at"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    int[] p = ListPage.request(page, size);
    var filter =
        new DisputeFilter(
            wanted,
            blank(reason) == null ? null : reason.strip(),
            blank(paymentId),
            due,
            "due_at".equals(blank(sort)));
    return disputes.list(caller.merchantId(), filter, p[0], p[1]).streamed(DisputeJson::write);
  }

  @GET
  @Path("{id}")
  public String get(@PathParam("id") String id) {
    return DisputeJson.dispute(disputes.get(caller.merchantId(), id)).toString();
  }

  @GET
  @Path("{id}/attachments")
  public String attachments(@PathParam("id") String id) {
    var items = Json.createArrayBuilder();
    disputes
        .attachments(caller.merchantId(), id)
        .forEach(a -> items.add(DisputeJson.attachment(a)));
    return Json.createObjectBuilder().add("items", items).build().toString();
  }

  /** {@code multipart/form-data}: {@code file}, optional {@code description}. */
  @POST
  @Idempotent
  @Path("{id}/attachments")
  public Response upload(
      @PathParam("id") String id, @HeaderParam("Content-Type") String contentType, byte[] body) {
    if (body != null && body.length > MAX_UPLOAD_BODY) {
      throw ApiProblem.invalid("file", "is over 7 MB");
    }
    String boundary = MultipartForm.boundary(contentType);
    if (boundary == null) {
      throw ApiProblem.invalid(
          "body", "send the file as multipart/form-data with a part named file");
    }
    Map<String, MultipartForm.Part> parts;
    try {
      parts = MultipartForm.parse(body == null ? new byte[0] : body, boundary);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid("body", "is not a valid multipart/form-data body");
    }
    MultipartForm.Part file = parts.get("file");
    if (file == null) {
      throw ApiProblem.invalid("file", "is required");
    }
    for (String name : parts.keySet()) {
      if (!Set.of("file", "description").contains(name)) {
        throw ApiProblem.invalid(name, "is not a known field");
      }
    }
    MultipartForm.Part description = parts.get("description");
    var attachment =
        disputes.upload(
            caller.merchantId(),
            id,
            new NewAttachment(
                file.filename(),
                file.contentType(),
                file.content(),
                description == null ? null : description.text()));
    return Response.status(201).entity(DisputeJson.attachment(attachment).toString()).build();
  }

  @POST
  @Idempotent
  @Path("{id}/evidence")
  public String evidence(
      @PathParam("id") String id, @HeaderParam(Idempotent.HEADER) String key, String body) {
    JsonInput in = JsonInput.parse(body);
    only(in, "attachment_ids", "additional_information", "proposed_refund_amount");
    List<String> ids = in.texts("attachment_ids", 10, 100).orElse(null);
    if (ids == null && !in.has("attachment_ids")) {
      in.reject("attachment_ids", "is required: the attachments to send");
    }
    String info = in.text("additional_information", 5000).orElse(null);
    Long refund = in.integer("proposed_refund_amount").orElse(null);
    in.check();
    return DisputeJson.dispute(
            disputes.represent(caller.merchantId(), id, new Answer(ids, info, refund), null, key))
        .toString();
  }

  @POST
  @Idempotent
  @Path("{id}/appeal")
  public String appeal(@PathParam("id") String id, String body) {
    JsonInput in = JsonInput.parse(body);
    only(in, "attachment_ids", "additional_information");
    String info = in.requiredText("additional_information", 10_000);
    List<String> ids = in.texts("attachment_ids", 10, 100).orElse(List.of());
    in.check();
    return DisputeJson.dispute(
            disputes.appeal(caller.merchantId(), id, new Answer(ids, info, null), null))
        .toString();
  }

  @POST
  @Idempotent
  @Path("{id}/accept")
  public String accept(@PathParam("id") String id) {
    return DisputeJson.dispute(disputes.accept(caller.merchantId(), id, null)).toString();
  }

  @GET
  @Path("{id}/evidence-pack")
  @Produces("application/pdf")
  public Response evidencePack(@PathParam("id") String id) {
    byte[] pdf = disputes.evidencePack(caller.merchantId(), id);
    return Response.ok(pdf, "application/pdf")
        .header("Content-Disposition", "attachment; filename=\"evidence-pack-" + id + ".pdf\"")
        .build();
  }

  private static void only(JsonInput in, String... fields) {
    // unknown fields are refused by name (PRODUCT.md: any unknown field is 400 naming it)
    for (String f : in.fieldNames()) {
      if (!List.of(fields).contains(f)) {
        in.reject(f, "is not a known field");
      }
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
