package com.stepup.gateway.platform.errors;

import com.stepup.gateway.platform.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a use case refuses, in the domain's words: not found, a conflict with the state, invalid
 * input, Klarna unavailable or refusing. It carries no HTTP; one mapper turns it into problem+json
 * for the APIs, and the console into its error page or field errors.
 */
public abstract class DomainError extends RuntimeException {

  private final Map<String, String> details = new LinkedHashMap<>();

  protected DomainError(String message) {
    super(message);
  }

  /** More to tell the caller, e.g. the id of the payment the error concerns. */
  @SuppressWarnings("unchecked")
  public <T extends DomainError> T with(String name, String value) {
    details.put(name, value);
    return (T) this;
  }

  public Map<String, String> details() {
    return Map.copyOf(details);
  }

  /** What is wrong field by field, for a form to show at its fields; empty when nothing is. */
  public List<FieldError> errors() {
    return List.of();
  }
}
