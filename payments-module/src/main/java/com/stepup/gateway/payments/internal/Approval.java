package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.FinalAuthorizationToken;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;

/**
 * The shopper's approval: Klarna's token (valid an hour after COMPLETED) and the claim on the final
 * authorization (one worker at a time; a claim older than its time-out is taken over).
 */
@Embeddable
class Approval {

  /** Klarna's final-authorization token; cleared once used or no longer usable. */
  @Column(name = "token")
  private String token;

  @Column(name = "token_header")
  private String tokenHeader;

  @Column(name = "completed_at")
  private Instant completedAt;

  @Column(name = "finalize_attempts")
  private int attempts;

  @Column(name = "finalize_claimed_at")
  private Instant claimedAt;

  void take(FinalAuthorizationToken t, Instant approvedAt) {
    token = t.value();
    tokenHeader = t.header();
    completedAt = approvedAt;
  }

  void drop() {
    token = null;
  }

  boolean hasToken() {
    return token != null;
  }

  FinalAuthorizationToken token() {
    return token == null ? null : new FinalAuthorizationToken(tokenHeader, token);
  }

  /** Takes the claim unless another worker holds one younger than {@code timeout}. */
  boolean claim(Instant now, Duration timeout) {
    if (claimedAt != null && claimedAt.isAfter(now.minus(timeout))) {
      return false;
    }
    claimedAt = now;
    attempts++;
    return true;
  }

  void unclaim() {
    claimedAt = null;
  }

  boolean claimed() {
    return claimedAt != null;
  }

  int attempts() {
    return attempts;
  }

  Instant tokenExpiresAt() {
    return completedAt == null ? null : completedAt.plus(Payment.TOKEN_WINDOW);
  }

  /** Klarna no longer remembers a call's key: more than a day since the approval. */
  boolean keyForgotten(Instant now) {
    return completedAt != null && !now.isBefore(completedAt.plus(Payment.KEY_MEMORY));
  }
}
