package com.stepup.gateway.platform.errors;

/** Klarna answered with an error retrying will not fix. */
public class KlarnaRefused extends DomainError {

  public KlarnaRefused(String what) {
    super(what);
  }
}
