package com.stepup.sandbox;

import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure leaves the sandbox in Klarna's error shape, never as a stack trace. */
@Provider
public class KlarnaErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(KlarnaErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable error) {
    if (error instanceof KlarnaError k) {
      return k.toResponse();
    }
    if (error instanceof JsonException || error instanceof ClassCastException) {
      return KlarnaError.validation("body", "The body is not the JSON this operation expects.")
          .toResponse();
    }
    if (error instanceof WebApplicationException wae && wae.getResponse().getStatus() < 500) {
      int status = wae.getResponse().getStatus();
      return switch (status) {
        case 404 -> KlarnaError.notFound("The resource").toResponse();
        case 401 -> KlarnaError.unauthorized().toResponse();
        default ->
            new KlarnaError(status, "INPUT_ERROR", "INVALID_REQUEST", wae.getMessage(), List.of())
                .toResponse();
      };
    }
    LOG.log(Level.WARNING, "Sandbox error", error);
    return KlarnaError.internal("INTERNAL_ERROR").toResponse();
  }
}
