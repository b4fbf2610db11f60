package com.stepup.gateway.platform.errors;

/** The thing's state forbids the operation now; the message says why. */
public class Conflict extends DomainError {

  public Conflict(String why) {
    super(why);
  }
}
