package com.stepup.gateway.platform.errors;

import com.stepup.gateway.platform.FieldError;
import java.util.List;

/** Klarna answered with an error retrying will not fix, with its reasons field by field if any. */
public class KlarnaRefused extends DomainError {

  private final List<FieldError> errors;

  public KlarnaRefused(String what) {
    this(what, List.of());
  }

  public KlarnaRefused(String what, List<FieldError> errors) {
    super(what);
    this.errors = List.copyOf(errors);
  }

  @Override
  public List<FieldError> errors() {
    return errors;
  }
}
