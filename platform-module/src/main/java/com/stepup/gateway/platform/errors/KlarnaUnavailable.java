package com.stepup.gateway.platform.errors;

/** Klarna did not answer in time, after retries; what was asked is kept and resumed. */
public class KlarnaUnavailable extends DomainError {

  public KlarnaUnavailable(String what) {
    super(what);
  }
}
