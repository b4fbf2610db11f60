package com.stepup.gateway.platform.errors;

import com.stepup.gateway.platform.FieldError;
import java.util.List;

/** Input that breaks a rule, field by field. */
public class InvalidInput extends DomainError {

  private final List<FieldError> errors;

  public InvalidInput(List<FieldError> errors) {
    super("The request is not valid.");
    this.errors = List.copyOf(errors);
  }

  public InvalidInput(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  @Override
  public List<FieldError> errors() {
    return errors;
  }
}
