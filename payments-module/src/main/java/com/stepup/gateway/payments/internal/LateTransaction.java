package com.stepup.gateway.payments.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What Klarna may still hold for a payment that has ended: a final authorization whose outcome was
 * never heard (ASKING: asked again with the same key until Klarna says yes or no), and a
 * transaction Klarna approved after the end (RELEASING until voided at Klarna).
 */
@Embeddable
class LateTransaction {

  /** Where a late transaction's release stands. */
  enum Release {
    ASKING,
    NOTHING_HELD,
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

  /** An attempt's outcome is unknown: Klarna is to be asked again at once. */
  static LateTransaction asking(Instant now) {
    LateTransaction t = new LateTransaction();
    t.state = Release.ASKING;
    t.nextAt = now.atOffset(ZoneOffset.UTC);
    return t;
  }

  boolean asking() {
    return state == Release.ASKING;
  }

  /** Klarna said no (or forgot the call): it holds nothing for this payment. */
  void nothingHeld() {
    state = Release.NOTHING_HELD;
    nextAt = null;
  }

  /** Klarna approved: its transaction is now to be released. */
  void approved(String transactionId, Instant now) {
    id = transactionId;
    state = Release.RELEASING;
    nextAt = now.atOffset(ZoneOffset.UTC);
  }

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
