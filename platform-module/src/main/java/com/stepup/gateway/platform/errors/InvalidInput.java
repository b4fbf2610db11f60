package com.stepup.gateway.platform.errors;

import com.stepup.gateway.platform.FieldError;
import java.util.List;

/** Input that breaks a rule, field by field. */
public class InvalidInput extends DomainError {

  private final List<FieldError> errors;

  /** Its message is the problem's {@code detail}: the one field and why, or how many fields. */
  public InvalidInput(List<FieldError> errors) {
    super(
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are not valid.");
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
