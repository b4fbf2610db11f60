package com.stepup.gateway.platform.errors;

import com.stepup.gateway.platform.FieldError;
import java.util.List;

/**
 * The thing's state forbids the operation now; the message says why. A duplicate names the field
 * whose value is taken.
 */
public class Conflict extends DomainError {

  private final String field;

  public Conflict(String why) {
    this(null, why);
  }

  /** A value of {@code field} that is taken already. */
  public Conflict(String field, String why) {
    super(why);
    this.field = field;
  }

  /** The field whose value is taken, or null for a conflict with the state. */
  public String field() {
    return field;
  }

  @Override
  public List<FieldError> errors() {
    return field == null ? List.of() : List.of(new FieldError(field, getMessage()));
  }
}
