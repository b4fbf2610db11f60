package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Klarna's Payment Authorize API and Payment Request endpoints, for Acquiring Partners. */
@Path("v2/accounts/{account}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class KlarnaPaymentsApi {

  static final String OUTCOME = "Sandbox-Outcome";

  private final ApiKeys apiKeys;
  private final PaymentRequests paymentRequests;
  private final FinalAuthorizations finalAuthorizations;
  private final Idempotency idempotency;
  private final Faults faults;
  private final Transactions transactions;

  @Inject
  KlarnaPaymentsApi(
      ApiKeys apiKeys,
      PaymentRequests paymentRequests,
      FinalAuthorizations finalAuthorizations,
      Idempotency idempotency,
      Faults faults,
      Transactions transactions) {
    this.apiKeys = apiKeys;
    this.paymentRequests = paymentRequests;
    this.finalAuthorizations = finalAuthorizations;
    this.idempotency = idempotency;
    this.faults = faults;
    this.transactions = transactions;
  }

  /** For CDI's client proxy only. */
  protected KlarnaPaymentsApi() {
    this(null, null, null, null, null, null);
  }

  @POST
  @Path("payment/authorize")
  @Consumes(MediaType.WILDCARD)
  public Response authorize(
      @PathParam("account") String account,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      @HeaderParam("Klarna-Network-Session-Token") String sessionToken,
      @HeaderParam("Klarna-Payment-Token") String paymentToken,
      @HeaderParam(OUTCOME) String outcome,
      @HeaderParam("Partner-Correlation-Id") String correlationId,
      @Context UriInfo uri,
      String rawBody) {
    String key = apiKeys.check(authorization, account);
    String tokenHeader = finalTokenHeader(sessionToken, paymentToken);
    String token = "Klarna-Network-Session-Token".equals(tokenHeader) ? sessionToken : paymentToken;
    Optional<Faults.Fault> fault =
        faults.take(tokenHeader == null ? "authorize" : "final_authorize");
    JsonObject body = parse(rawBody);
    String baseUrl = uri.getBaseUri().toString();
    Response response =
        withFault(
            fault,
            () ->
                idempotency.once(
                    key + "|POST|" + uri.getPath(),
                    idempotencyKey,
                    () -> {
                      // a DELAY hits inside the idempotent, token-holding part of the call
                      Runnable pause = () -> delay(fault);
                      JsonObject result;
                      if (tokenHeader != null) {
                        result =
                            finalAuthorizations.authorize(
                                account, tokenHeader, token, body, outcome, pause);
                      } else {
                        pause.run();
                        result = paymentRequests.authorize(account, body, outcome, baseUrl);
                      }
                      return Response.ok(result.toString(), MediaType.APPLICATION_JSON).build();
                    }));
    return echo(response, correlationId);
  }

  /**
   * Which header makes this a final authorization, or null for an initial one. {@code
   * Klarna-Network-Session-Token} is final only with a token minted at COMPLETED (else it is the
   * Partner's token for an initial call); {@code Klarna-Payment-Token} is only ever a final token,
   * so an unknown value is refused rather than read as an initial call.
   */
  String finalTokenHeader(String sessionToken, String paymentToken) {
    if (sessionToken != null && paymentToken != null) {
      throw KlarnaError.validation(
          "Klarna-Payment-Token",
          "send either Klarna-Network-Session-Token or Klarna-Payment-Token, not both");
    }
    if (paymentToken != null) {
      if (!finalAuthorizations.isMintedToken(paymentToken)) {
        throw KlarnaError.validation("Klarna-Payment-Token", "is not a valid token");
      }
      return "Klarna-Payment-Token";
    }
    return finalAuthorizations.isMintedToken(sessionToken) ? "Klarna-Network-Session-Token" : null;
  }

  @GET
  @Path("payment/requests/{id}")
  public Response read(
      @PathParam("account") String account,
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization) {
    apiKeys.check(authorization, account);
    return withFaults(
        "read", () -> Response.ok(paymentRequests.get(account, id).toJson().toString()).build());
  }

  @PATCH
  @Path("payment/requests/{id}")
  @Consumes(MediaType.WILDCARD)
  public Response update(
      @PathParam("account") String account,
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization,
      String rawBody) {
    apiKeys.check(authorization, account);
    return Response.ok(paymentRequests.update(account, id, parse(rawBody)).toJson().toString())
        .build();
  }

  @DELETE
  @Path("payment/requests/{id}")
  public Response cancel(
      @PathParam("account") String account,
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization) {
    apiKeys.check(authorization, account);
    return withFaults(
        "cancel",
        () -> {
          var request = paymentRequests.get(account, id);
          return Response.ok(
                  paymentRequests.move(request, ShopperAction.CANCEL, null).toJson().toString())
              .build();
        });
  }

  @GET
  @Path("payment/transactions/{id}")
  public Response readTransaction(
      @PathParam("account") String account,
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization) {
    apiKeys.check(authorization, account);
    return Response.ok(transactions.get(account, id).toJson().toString()).build();
  }

  /** Captures part or all of the transaction (§10.2; path as the emulator contract). */
  @POST
  @Path("payment/transactions/{id}/captures")
  @Consumes(MediaType.WILDCARD)
  public Response capture(
      @PathParam("account") String account,
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      @Context UriInfo uri,
      String rawBody) {
    return transactionCall(
        "capture",
        account,
        authorization,
        idempotencyKey,
        uri,
        rawBody,
        201,
        body -> transactions.capture(account, id, body));
  }

  /**
   * {@code refundPaymentTransaction}: refunds part or all of what was captured, described by line
   * items (KLARNA-API.md Part three; path inferred).
   */
  @POST
  @Path("payment/transactions/{id}/refunds")
  @Consumes(MediaType.WILDCARD)
  public Response refund(
      @PathParam("account") String account,
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      @Context UriInfo uri,
      String rawBody) {
    return transactionCall(
        "refund",
        account,
        authorization,
        idempotencyKey,
        uri,
        rawBody,
        201,
        body -> transactions.refund(account, id, null, body));
  }

  /**
   * {@code refundPaymentCapture}: refunds part or all of one capture (KLARNA-API.md Part three;
   * path inferred).
   */
  @POST
  @Path("payment/transactions/{id}/captures/{captureId}/refunds")
  @Consumes(MediaType.WILDCARD)
  public Response refundCapture(
      @PathParam("account") String account,
      @PathParam("id") String id,
      @PathParam("captureId") String captureId,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      @Context UriInfo uri,
      String rawBody) {
    return transactionCall(
        "refund",
        account,
        authorization,
        idempotencyKey,
        uri,
        rawBody,
        201,
        body -> transactions.refund(account, id, captureId, body));
  }

  /** Releases what is authorized and not captured (§10.2 void; path as the emulator contract). */
  @POST
  @Path("payment/transactions/{id}/void")
  @Consumes(MediaType.WILDCARD)
  public Response voidTransaction(
      @PathParam("account") String account,
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Klarna-Idempotency-Key") String idempotencyKey,
      @Context UriInfo uri,
      String rawBody) {
    return transactionCall(
        "void",
        account,
        authorization,
        idempotencyKey,
        uri,
        rawBody,
        200,
        body -> transactions.voidTransaction(account, id));
  }

  /**
   * A call that moves money: the key checked, the fault of {@code operation} applied around it, and
   * its first answer replayed for a repeat of its {@code Klarna-Idempotency-Key}.
   */
  private Response transactionCall(
      String operation,
      String account,
      String authorization,
      String idempotencyKey,
      UriInfo uri,
      String rawBody,
      int status,
      Function<JsonObject, JsonObject> call) {
    String key = apiKeys.check(authorization, account);
    JsonObject body = parse(rawBody);
    Optional<Faults.Fault> fault = faults.take(operation);
    return withFault(
        fault,
        () ->
            idempotency.once(
                key + "|POST|" + uri.getPath(),
                idempotencyKey,
                () -> {
                  // a DELAY is Klarna still working on the key: a repeat meanwhile gets 409
                  delay(fault);
                  return Response.status(status)
                      .type(MediaType.APPLICATION_JSON)
                      .entity(call.apply(body).toString())
                      .build();
                }));
  }

  /** Applies the next switched-on fault of {@code operation} around the call. */
  Response withFaults(String operation, Supplier<Response> call) {
    Optional<Faults.Fault> fault = faults.take(operation);
    return withFault(
        fault,
        () -> {
          delay(fault);
          return call.get();
        });
  }

  static Response withFault(Optional<Faults.Fault> fault, Supplier<Response> call) {
    String kind = fault.map(Faults.Fault::kind).orElse("");
    switch (kind) {
      case "HTTP_500" -> throw KlarnaError.internal("INTERNAL_ERROR");
      case "RATE_LIMIT" -> throw KlarnaError.rateLimited();
      default -> {}
    }
    Response response = call.get();
    switch (kind) {
      case "HTTP_500_AFTER_COMMIT" -> throw KlarnaError.internal("INTERNAL_ERROR");
      case "TIMEOUT" -> {
        sleep(fault.get().delayMs() > 0 ? fault.get().delayMs() : 15_000);
        throw KlarnaError.internal("TIMEOUT");
      }
      default -> {
        return response;
      }
    }
  }

  private static void delay(Optional<Faults.Fault> fault) {
    fault.filter(f -> f.kind().equals("DELAY")).ifPresent(f -> sleep(f.delayMs()));
  }

  static JsonObject parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return JsonObject.EMPTY_JSON_OBJECT;
    }
    if (raw.length() > 1_000_000) {
      throw new KlarnaError(413, "INPUT_ERROR", "PAYLOAD_TOO_LARGE", "Over 1 MB.", List.of());
    }
    try (var reader = Json.createReader(new StringReader(raw))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw KlarnaError.validation("body", "is not a JSON object");
    }
  }

  private static Response echo(Response r, String correlationId) {
    if (correlationId == null) {
      return r;
    }
    return Response.fromResponse(r).header("Partner-Correlation-Id", correlationId).build();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
