package com.stepup.sandbox;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * The Settlements API v1's error answer (KLARNA-API.md §12.3): {@code {error_code, error_messages,
 * correlation_id}} with its status, as {@link KlarnaError} is the other APIs'.
 */
final class SettlementsError extends RuntimeException {
  final int status;
  final String code;

  SettlementsError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  Response toResponse() {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(
            Json.createObjectBuilder()
                .add("error_code", code)
                .add("error_messages", Json.createArrayBuilder().add(getMessage()))
                .add("correlation_id", UUID.randomUUID().toString())
                .build()
                .toString())
        .build();
  }
}
