package com.stepup.gateway.app;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.errors.DomainError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line of defence: nothing unexpected reaches a caller as a stack trace. The API gets
 * problem+json; a page gets the error page. Both carry an id that points at the log line.
 */
@Provider
public class UnexpectedErrors implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrors.class.getName());

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable thrown) {
    Throwable error = meaningful(thrown);
    if (error instanceof ApiProblem problem) {
      // the modules' own answers: as they are for the API, as the error page for the console
      return isApi() ? problem.toResponse() : page(problem.status(), problem.title());
    }
    if (error instanceof WebApplicationException wae
        && wae.getResponse().getStatus() < 500
        && wae.getResponse().hasEntity()) {
      return wae.getResponse(); // a resource's own complete answer (a problem, its headers)
    }
    if (error instanceof WebApplicationException wae && wae.getResponse().getStatus() < 500) {
      return problemOrPage(wae.getResponse().getStatus(), null);
    }
    if (ConsoleReadiness.fromTheCsrfFilter(error)) {
      ConsoleReadiness.filterFailed(error); // the console is broken until a restart: say so
    }
    String errorId = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unhandled error " + errorId, error);
    return problemOrPage(500, errorId);
  }

  /**
   * What the caller should hear about: a module's ApiProblem or domain error, or a
   * unique-constraint race wrapped in a transaction exception, else the error itself.
   */
  static Throwable meaningful(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiProblem) {
        return cause;
      }
      if (cause instanceof DomainError domain) {
        // a use case's refusal: the one mapping to problem+json (or the page)
        return ApiProblem.from(domain);
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return ApiProblem.conflict(
            null, "A concurrent request changed the same data; retry the request.");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return error;
  }

  private Response problemOrPage(int status, String errorId) {
    var type = Response.Status.fromStatusCode(status);
    String title = type == null ? "Error" : type.getReasonPhrase();
    if (isApi()) {
      var problem = new LinkedHashMap<String, Object>();
      problem.put("type", "about:blank");
      problem.put("title", title);
      problem.put("status", status);
      problem.put(
          "detail",
          errorId == null
              ? title
              : "Something went wrong on our side. Quote error id " + errorId + " to support.");
      if (errorId != null) {
        problem.put("error_id", errorId);
      }
      return Response.status(status).type("application/problem+json").entity(problem).build();
    }
    return page(status, errorId == null ? title : title + " (error id " + errorId + ")");
  }

  private boolean isApi() {
    String path = uriInfo == null ? "" : uriInfo.getPath();
    return path.startsWith("api/") || path.startsWith("/api/") || path.startsWith("webhooks");
  }

  private Response page(int status, String text) {
    var audience = ErrorPage.Audience.of(uriInfo == null ? "" : uriInfo.getPath());
    if (audience == ErrorPage.Audience.DISPLAY && uriInfo.getPath().endsWith("/state")) {
      // the display page's poll: it shows its own "disconnected" screen on this answer
      return Response.status(status)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity("{\"view\":\"disconnected\"}")
          .build();
    }
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(ErrorPage.render(status, text, audience))
        .build();
  }
}
