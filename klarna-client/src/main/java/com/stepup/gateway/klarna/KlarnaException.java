package com.stepup.gateway.klarna;

import java.util.List;

/**
 * Klarna answered with an error ({@link #status()} ≥ 400, Klarna's error body kept), or could not
 * be reached in time ({@link #status()} 0).
 */
public class KlarnaException extends RuntimeException {

  /** One of Klarna's {@code validation_errors}. */
  public record Invalid(String parameter, String reason) {}

  private final int status;
  private final String errorType;
  private final String errorCode;
  private final String correlationId;
  private final List<Invalid> validationErrors;

  public KlarnaException(
      int status,
      String errorType,
      String errorCode,
      String message,
      String correlationId,
      List<Invalid> validationErrors) {
    super(message);
    this.status = status;
    this.errorType = errorType;
    this.errorCode = errorCode;
    this.correlationId = correlationId;
    this.validationErrors = List.copyOf(validationErrors);
  }

  /** No answer: connection refused, reset or timed out. */
  public static KlarnaException unreachable(Throwable cause) {
    var e =
        new KlarnaException(
            0,
            "TECHNICAL_ERROR",
            "UNREACHABLE",
            "Klarna did not answer: " + cause.getClass().getSimpleName(),
            null,
            List.of());
    e.initCause(cause);
    return e;
  }

  /** Whether the same call may succeed later: no answer, a 5xx or a 429. */
  public boolean retryable() {
    return status == 0 || status == 429 || status >= 500;
  }

  public int status() {
    return status;
  }

  public String errorType() {
    return errorType;
  }

  public String errorCode() {
    return errorCode;
  }

  public String correlationId() {
    return correlationId;
  }

  public List<Invalid> validationErrors() {
    return validationErrors;
  }

  /** One line for people: status, code, message and the fields Klarna named. */
  public String describe() {
    var text = new StringBuilder();
    text.append(status == 0 ? "no answer" : "HTTP " + status);
    if (errorCode != null) {
      text.append(' ').append(errorCode);
    }
    if (getMessage() != null) {
      text.append(": ").append(getMessage());
    }
    for (Invalid i : validationErrors) {
      text.append("; ").append(i.parameter()).append(' ').append(i.reason());
    }
    return text.toString();
  }
}
