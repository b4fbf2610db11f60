package com.stepup.gateway.payments.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A transaction Klarna approved after the payment had ended, and its release at Klarna. */
@Embeddable
class LateTransaction {

  /** Where a late transaction's release stands. */
  enum Release {
    RELEASING,
    RELEASED,
    REFUSED
  }

  @Column(name = "late_transaction_id")
  private String id;

  @Enumerated(EnumType.STRING)
  @Column(name = "release_state")
  private Release state;

  @Column(name = "release_next_at")
  private OffsetDateTime nextAt;

  static LateTransaction releasing(String transactionId, Instant now) {
    LateTransaction t = new LateTransaction();
    t.id = transactionId;
    t.state = Release.RELEASING;
    t.nextAt = now.atOffset(ZoneOffset.UTC);
    return t;
  }

  boolean releasing() {
    return state == Release.RELEASING && id != null;
  }

  String id() {
    return id;
  }

  void released() {
    state = Release.RELEASED;
    nextAt = null;
  }

  void refused() {
    state = Release.REFUSED;
    nextAt = null;
  }

  void retryAt(Instant when) {
    nextAt = when.atOffset(ZoneOffset.UTC);
  }
}
