package com.stepup.gateway.platform;

import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.DomainError;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.platform.errors.KlarnaRefused;
import com.stepup.gateway.platform.errors.KlarnaUnavailable;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.platform.errors.Unprocessable;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer of the JSON API that is not a success, as {@code application/problem+json} (RFC 9457):
 * {@code type}, {@code title}, {@code status}, {@code detail} and, for invalid input, {@code
 * errors: [{field, message}]}. Made by resources, filters and exception mappers only: below them a
 * use case throws a {@link DomainError}, which {@link #from} turns into one of these.
 */
public class ApiProblem extends RuntimeException {

  public static final String MEDIA_TYPE = "application/problem+json";

  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, String> extensions = new LinkedHashMap<>();

  public ApiProblem(int status, String type, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ApiProblem invalid(List<FieldError> errors) {
    return new ApiProblem(
        400,
        "https://stepup.dev/problems/validation",
        "Invalid request",
        new InvalidInput(errors).getMessage(),
        errors);
  }

  public static ApiProblem invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(
        401, "https://stepup.dev/problems/unauthorized", "Unauthorized", detail, List.of());
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(
        403, "https://stepup.dev/problems/forbidden", "Forbidden", detail, List.of());
  }

  public static ApiProblem notFound(String what) {
    return new ApiProblem(
        404,
        "https://stepup.dev/problems/not-found",
        "Not found",
        what + " was not found.",
        List.of());
  }

  /** A conflict with the current state, or a duplicate named by {@code field} when not null. */
  public static ApiProblem conflict(String field, String detail) {
    return new ApiProblem(
        409,
        "https://stepup.dev/problems/conflict",
        "Conflict",
        detail,
        field == null ? List.of() : List.of(new FieldError(field, detail)));
  }

  public static ApiProblem unprocessable(String detail) {
    return new ApiProblem(
        422,
        "https://stepup.dev/problems/unprocessable",
        "Unprocessable request",
        detail,
        List.of());
  }

  /** The request's body is not JSON. */
  public static ApiProblem unsupportedMediaType(String detail) {
    return new ApiProblem(
        415,
        "https://stepup.dev/problems/unsupported-media-type",
        "Unsupported media type",
        detail,
        List.of());
  }

  /** Klarna answered with an error we cannot fix by retrying. */
  public static ApiProblem badGateway(String detail) {
    return new ApiProblem(
        502,
        "https://stepup.dev/problems/klarna-error",
        "Klarna rejected the call",
        detail,
        List.of());
  }

  /** Klarna could not be reached in time, after retries. */
  public static ApiProblem unavailable(String detail) {
    return new ApiProblem(
        503,
        "https://stepup.dev/problems/klarna-unavailable",
        "Klarna is not available",
        detail,
        List.of());
  }

  /** The problem+json of a use case's refusal: one mapping, for every API. */
  public static ApiProblem from(DomainError error) {
    ApiProblem problem;
    if (error instanceof NotFound n) {
      problem = notFound(n.what());
    } else if (error instanceof InvalidInput i) {
      problem = invalid(i.errors());
    } else if (error instanceof Conflict c) {
      problem = conflict(c.field(), error.getMessage());
    } else if (error instanceof Unprocessable) {
      problem = unprocessable(error.getMessage());
    } else if (error instanceof KlarnaUnavailable) {
      problem = unavailable(error.getMessage());
    } else if (error instanceof KlarnaRefused r) {
      problem =
          new ApiProblem(
              502,
              "https://stepup.dev/problems/klarna-error",
              "Klarna rejected the call",
              error.getMessage(),
              r.errors());
    } else {
      problem = new ApiProblem(500, "about:blank", "Internal error", error.getMessage(), List.of());
    }
    for (var d : error.details().entrySet()) {
      problem = problem.with(d.getKey(), d.getValue());
    }
    return problem;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The same problem with one more member, e.g. the id of the payment it concerns. */
  public ApiProblem with(String member, String value) {
    var copy = new ApiProblem(status, type, title, getMessage(), errors);
    copy.extensions.putAll(extensions);
    copy.extensions.put(member, value);
    return copy;
  }

  public JsonObject toJson() {
    var json =
        Json.createObjectBuilder()
            .add("type", type)
            .add("title", title)
            .add("status", status)
            .add("detail", getMessage());
    extensions.forEach(json::add);
    if (!errors.isEmpty()) {
      var list = Json.createArrayBuilder();
      errors.forEach(
          e ->
              list.add(
                  Json.createObjectBuilder().add("field", e.field()).add("message", e.message())));
      json.add("errors", list);
    }
    return json.build();
  }

  public Response toResponse() {
    var response = Response.status(status).type(MEDIA_TYPE).entity(toJson().toString());
    if (status == 401) {
      response.header("WWW-Authenticate", "Bearer");
    }
    if (status == 503) {
      response.header("Retry-After", "5"); // the janitor asks Klarna again within seconds
    }
    return response.build();
  }
}
