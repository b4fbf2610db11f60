package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * Klarna's Payment Request as a test needs it, by intent ({@code submitted()}, {@code
 * completed(token)}) and then by name ({@code .updatedAt(t)}), never by twelve positions.
 */
final class KlarnaRequestFixture {

  private String id = PaymentFixture.PR;
  private String reference = "pay_1";
  private String state;
  private String previousState;
  private String stateReason;
  private Instant expiresAt = PaymentFixture.T0.plus(Duration.ofHours(3));
  private Instant updatedAt = PaymentFixture.T0;
  private String paymentRequestUrl = "https://pay.klarna.example/start";
  private String token;

  private KlarnaRequestFixture(String state) {
    this.state = state;
  }

  /** Klarna's request as the step-up answer names it: the shopper has not opened it. */
  static KlarnaRequestFixture submitted() {
    return new KlarnaRequestFixture("SUBMITTED");
  }

  /** The shopper approved: the request carries the token of the final authorization. */
  static KlarnaRequestFixture completed(String token) {
    return new KlarnaRequestFixture("COMPLETED").token(token);
  }

  static KlarnaRequestFixture in(String state) {
    return new KlarnaRequestFixture(state);
  }

  KlarnaRequestFixture id(String id) {
    this.id = id;
    return this;
  }

  KlarnaRequestFixture reference(String reference) {
    this.reference = reference;
    return this;
  }

  KlarnaRequestFixture previousState(String previousState) {
    this.previousState = previousState;
    return this;
  }

  KlarnaRequestFixture expiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  KlarnaRequestFixture updatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
    return this;
  }

  KlarnaRequestFixture paymentRequestUrl(String url) {
    this.paymentRequestUrl = url;
    return this;
  }

  KlarnaRequestFixture token(String token) {
    this.token = token;
    return this;
  }

  KlarnaPaymentRequest build() {
    return new KlarnaPaymentRequest(
        id,
        reference,
        state,
        previousState,
        stateReason,
        expiresAt,
        updatedAt,
        null,
        null,
        paymentRequestUrl,
        token,
        null);
  }
}
