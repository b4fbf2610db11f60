package com.stepup.gateway.platform.errors;

/** There is no such thing, or not for this caller (another merchant's is not found either). */
public class NotFound extends DomainError {

  private final String what;

  public NotFound(String what) {
    super(what + " was not found.");
    this.what = what;
  }

  public String what() {
    return what;
  }
}
