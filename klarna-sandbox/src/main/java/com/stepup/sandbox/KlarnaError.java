package com.stepup.sandbox;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** An error in Klarna's shape: {@code error_id, error_type, error_code, error_message}. */
public class KlarnaError extends RuntimeException {

  /** One entry of {@code validation_errors}. */
  public record Invalid(String parameter, String reason) {}

  private final int status;
  private final String type;
  private final String code;
  private final List<Invalid> invalid;

  public KlarnaError(int status, String type, String code, String message, List<Invalid> invalid) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.invalid = List.copyOf(invalid);
  }

  public static KlarnaError validation(List<Invalid> invalid) {
    return new KlarnaError(
        400, "INPUT_ERROR", "VALIDATION_ERROR", "The request is not valid.", invalid);
  }

  public static KlarnaError validation(String parameter, String reason) {
    return validation(List.of(new Invalid(parameter, reason)));
  }

  public static KlarnaError unauthorized() {
    return new KlarnaError(
        401,
        "ACCESS_ERROR",
        "UNAUTHORIZED",
        "The presented credentials failed authentication.",
        List.of());
  }

  public static KlarnaError forbidden(String message) {
    return new KlarnaError(403, "RESOURCE_ERROR", "OPERATION_FORBIDDEN", message, List.of());
  }

  public static KlarnaError notFound(String what) {
    return new KlarnaError(
        404, "RESOURCE_ERROR", "RESOURCE_NOT_FOUND", what + " was not found.", List.of());
  }

  public static KlarnaError conflict(String message) {
    return new KlarnaError(409, "RESOURCE_ERROR", "RESOURCE_CONFLICT", message, List.of());
  }

  public static KlarnaError rateLimited() {
    return new KlarnaError(
        429, "ACCESS_ERROR", "RATE_LIMITED", "Too many requests, retry later.", List.of());
  }

  public static KlarnaError internal(String code) {
    return new KlarnaError(
        500, "TECHNICAL_ERROR", code, "A technical error occurred, retry later.", List.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject body() {
    var json =
        Json.createObjectBuilder()
            .add("error_id", UUID.randomUUID().toString())
            .add("error_type", type)
            .add("error_code", code)
            .add("error_message", getMessage());
    if (!invalid.isEmpty()) {
      var list = Json.createArrayBuilder();
      invalid.forEach(
          i ->
              list.add(
                  Json.createObjectBuilder()
                      .add("parameter", i.parameter())
                      .add("reason", i.reason())));
      json.add("validation_errors", list);
    }
    return json.build();
  }

  public Response toResponse() {
    var r = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body().toString());
    if (status == 429) {
      r.header("Retry-After", "1")
          .header("X-Ratelimit-Limit", "50;w=1;name=\"payment-transaction-authorization\"");
    }
    return r.build();
  }
}
