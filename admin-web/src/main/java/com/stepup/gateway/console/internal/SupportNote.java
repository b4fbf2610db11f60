package com.stepup.gateway.console.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A note support staff send a merchant's admins about one payment ("please refund one"). */
@Entity
@Table(name = "console_support_note")
public class SupportNote {

  @Id
  @SequenceGenerator(
      name = "console_support_note_seq",
      sequenceName = "console_support_note_seq",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "console_support_note_seq")
  long id;

  @Column(nullable = false)
  OffsetDateTime at;

  @Column(nullable = false)
  String author;

  @Column(name = "merchant_id", nullable = false)
  String merchantId;

  @Column(name = "payment_id", nullable = false)
  String paymentId;

  @Column(nullable = false)
  String text;

  @Column(name = "done_at")
  OffsetDateTime doneAt;

  @Column(name = "done_by")
  String doneBy;

  /**
   * Marks the note done. Through the entity's own method: EclipseLink's woven change tracking does
   * not see a field set from another class, and the change would never be written.
   */
  void markDone(OffsetDateTime at, String by) {
    this.doneAt = at;
    this.doneBy = by;
  }

  public long getId() {
    return id;
  }

  public OffsetDateTime getAt() {
    return at;
  }

  public String getAuthor() {
    return author;
  }

  public String getPaymentId() {
    return paymentId;
  }

  public String getText() {
    return text;
  }
}
