package com.stepup.gateway.platform.errors;

/** Well-formed, but cannot be carried out as asked (an idempotency key reused for another body). */
public class Unprocessable extends DomainError {

  public Unprocessable(String why) {
    super(why);
  }
}
