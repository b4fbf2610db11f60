package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Klarna's v4 disputes API (KLARNA-API.md §11.1) under {@code /v4/payment/disputes}. The rules are
 * {@link Disputes}'; this class checks the key, applies the {@code dispute} faults and replays a
 * repeat of {@code Klarna-Idempotency-Key} on the calls that change a dispute.
 */
@Path("v4/payment/disputes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class KlarnaDisputesApi {

  private final ApiKeys apiKeys;
  private final Disputes disputes;
  private final DisputeAttachments attachments;
  private final Idempotency idempotency;
  private final Faults faults;

  @Inject
  KlarnaDisputesApi(
      ApiKeys apiKeys,
      Disputes disputes,
      DisputeAttachments attachments,
      Idempotency idempotency,
      Faults faults) {
    this.apiKeys = apiKeys;
    this.disputes = disputes;
    this.attachments = attachments;
    this.idempotency = idempotency;
    this.faults = faults;
  }

  /** For CDI's client proxy only. */
  protected KlarnaDisputesApi() {
    this(null, null, null, null, null);
  }

  @GET
  public Response list(@HeaderParam("Authorization") String authorization, @Context UriInfo uri) {
    apiKeys.check(authorization, null);
    return withFault(
        "dispute", () -> Response.ok(disputes.list(uri.getQueryParameters()).toString()).build());
  }

  @GET
  @Path("{id}")
  public Response get(
      @PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
    apiKeys.check(authorization, null);
    return withFault(
        "dispute", () -> Response.ok(DisputeJson.toJson(disputes.get(id)).toString()).build());
  }

  @POST
  @Path("{id}/accept-loss")
  @Consumes(MediaType.WILDCARD)
  public Response acceptLoss(
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Idempotency-Key") String key,
      @Context UriInfo uri) {
    return change(authorization, key, uri, 202, () -> disputes.acceptLoss(id));
  }

  @POST
  @Path("{id}/represent")
  @Consumes(MediaType.WILDCARD)
  public Response represent(
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Idempotency-Key") String key,
      @Context UriInfo uri,
      String raw) {
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    return change(authorization, key, uri, 201, () -> disputes.represent(id, body));
  }

  @POST
  @Path("{id}/appeal")
  @Consumes(MediaType.WILDCARD)
  public Response appeal(
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Idempotency-Key") String key,
      @Context UriInfo uri,
      String raw) {
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    return change(authorization, key, uri, 201, () -> disputes.appeal(id, body));
  }

  /** {@code multipart/form-data}: {@code file} (required), {@code filename} (optional). */
  @POST
  @Path("{id}/attachments")
  @Consumes(MediaType.WILDCARD)
  public Response upload(
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Idempotency-Key") String key,
      @HeaderParam("Content-Type") String contentType,
      @Context UriInfo uri,
      byte[] raw) {
    if (raw != null && raw.length > DisputeFiles.MAX_FILE_BYTES + 64 * 1024) {
      apiKeys.check(authorization, null);
      throw KlarnaError.validation("file", "Maximum file size is 7MB");
    }
    return change(
        authorization,
        key,
        uri,
        201,
        () -> {
          Map<String, Multipart.Part> parts;
          try {
            parts =
                Multipart.parse(raw == null ? new byte[0] : raw, Multipart.boundary(contentType));
          } catch (IllegalArgumentException e) {
            throw KlarnaError.validation("body", "is not a valid multipart/form-data body");
          }
          Multipart.Part file = parts.get("file");
          if (file == null || file.filename() == null) {
            throw KlarnaError.validation("file", "is required");
          }
          Multipart.Part filename = parts.get("filename");
          return attachments.upload(
              id, filename == null ? null : filename.text(), file.filename(), file.content());
        });
  }

  @GET
  @Path("{id}/attachments/{attachmentId}/download")
  @Produces(MediaType.WILDCARD)
  public Response download(
      @PathParam("id") String id,
      @PathParam("attachmentId") String attachmentId,
      @HeaderParam("Authorization") String authorization) {
    apiKeys.check(authorization, null);
    Dispute.Attachment a = attachments.attachment(id, attachmentId);
    return Response.ok(a.content(), a.mimeType())
        .header("Content-Disposition", "attachment; filename=\"" + a.filename() + "\"")
        .build();
  }

  /** Klarna: "Partners are not allowed and cannot enroll individual merchants." */
  @POST
  @Path("merchants/{merchantId}/enroll")
  @Consumes(MediaType.WILDCARD)
  public Response enrollMerchant(
      @PathParam("merchantId") String merchantId,
      @HeaderParam("Authorization") String authorization) {
    apiKeys.check(authorization, null);
    throw KlarnaError.forbidden("Partners are not allowed and cannot enroll individual merchants.");
  }

  @POST
  @Path("partners/{partnerId}/enroll")
  @Consumes(MediaType.WILDCARD)
  public Response enrollPartner(
      @PathParam("partnerId") String partnerId,
      @HeaderParam("Authorization") String authorization,
      String raw) {
    apiKeys.check(authorization, null);
    JsonObject body = KlarnaPaymentsApi.parse(raw);
    if (!(body.get("client_id") instanceof JsonString clientId)
        || !clientId.getString().matches("[a-zA-Z0-9]{1,64}")) {
      throw KlarnaError.validation("client_id", "is required: 1 to 64 letters and digits");
    }
    if (partnerId.isEmpty() || partnerId.length() > 255) {
      throw KlarnaError.validation("partner_id", "must be 1 to 255 characters");
    }
    return Response.noContent().build();
  }

  private Response change(
      String authorization, String key, UriInfo uri, int status, Supplier<JsonObject> call) {
    String apiKey = apiKeys.check(authorization, null);
    Optional<Faults.Fault> fault = faults.take("dispute");
    return KlarnaPaymentsApi.withFault(
        fault,
        () ->
            idempotency.once(
                apiKey + "|POST|" + uri.getPath(),
                key,
                () -> {
                  fault.filter(f -> f.kind().equals("DELAY")).ifPresent(f -> sleep(f.delayMs()));
                  return Response.status(status)
                      .type(MediaType.APPLICATION_JSON)
                      .entity(call.get().toString())
                      .build();
                }));
  }

  private Response withFault(String operation, Supplier<Response> call) {
    return KlarnaPaymentsApi.withFault(faults.take(operation), call);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
