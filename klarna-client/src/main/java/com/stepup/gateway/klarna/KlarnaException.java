package com.stepup.gateway.klarna;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Klarna answered with an error ({@link #status()} ≥ 400, Klarna's error body kept), or could not
 * be reached in time ({@link #status()} 0). Each failure is read once, here, as an {@link Outcome}:
 * callers decide by {@link #outcome()} and never by the status code.
 */
public class KlarnaException extends RuntimeException {

  /** What a failed call means for what Klarna did (docs/klarna-failures.md). */
  public enum Outcome {
    /** Nothing happened, and the same call would be refused again: do not send it again. */
    REFUSED,
    /**
     * It may have happened (no answer, a time-out, a 5xx), or was not taken now (429): ask again
     * with the same {@code Klarna-Idempotency-Key}, which answers what Klarna did the first time.
     */
    UNKNOWN,
    /**
     * Klarna is still working on a call with this key ({@code 409 RESOURCE_CONFLICT}: a retry met
     * the first call, which Klarna may take up to 59 s over): wait, then ask again with the key.
     */
    IN_FLIGHT;

    /** Whether the call may be sent again with the same key. */
    public boolean askAgain() {
      return this != REFUSED;
    }
  }

  /** One of Klarna's {@code validation_errors}. */
  public record Invalid(String parameter, String reason) {}

  private final int status;
  private final String errorType;
  private final String errorCode;
  private final String correlationId;
  private final List<Invalid> validationErrors;
  private Duration retryAfter;

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

  /**
   * The one reading of this failure. No answer, 408, 429 and every 5xx are {@link Outcome#UNKNOWN};
   * a 409 is {@link Outcome#IN_FLIGHT} (Klarna answers {@code RESOURCE_CONFLICT} to a repeat of a
   * key whose first call is still running; where a 409 could also mean that the resource's state
   * forbids the call, the caller reads the resource before it decides); any other 4xx is {@link
   * Outcome#REFUSED}.
   */
  public Outcome outcome() {
    if (status == 0 || status == 408 || status == 429 || status >= 500) {
      return Outcome.UNKNOWN;
    }
    if (status == 409) {
      return Outcome.IN_FLIGHT;
    }
    return Outcome.REFUSED;
  }

  /** How long Klarna asked to wait before asking again ({@code Retry-After} of a 429 or 503). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The same failure, with how long Klarna asked to wait. */
  public KlarnaException withRetryAfter(Duration wait) {
    this.retryAfter = wait;
    return this;
  }

  /**
   * Not sent: Klarna's quota (a 429 it answered lately) asks the gateway to wait {@code wait}; read
   * like Klarna's own 429, so the caller asks again later with the same key.
   */
  public static KlarnaException notSentQuota(Duration wait) {
    return new KlarnaException(
            429,
            "RATE_LIMITED",
            "QUOTA_WAIT",
            "Not sent: Klarna asked the gateway to slow down; ask again in "
                + Math.max(1, (wait.toMillis() + 999) / 1000)
                + " s.",
            null,
            List.of())
        .withRetryAfter(wait);
  }

  /** Whether the same call, with the same key, may be sent again: {@link Outcome#askAgain()}. */
  public boolean retryable() {
    return outcome().askAgain();
  }

  /** Klarna refused it: nothing happened, and sending it again would not change that. */
  public boolean refused() {
    return outcome() == Outcome.REFUSED;
  }

  /**
   * Whether Klarna's answer is about the resource's state or its limits (403 OPERATION_FORBIDDEN,
   * 409 RESOURCE_CONFLICT), as opposed to the request itself: what a partner hears as a conflict.
   */
  public boolean aboutTheResource() {
    return status == 403 || status == 409;
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
