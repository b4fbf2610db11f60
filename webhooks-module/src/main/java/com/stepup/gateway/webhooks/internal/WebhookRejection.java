package com.stepup.gateway.webhooks.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A webhook refused at the door, counted for the console's webhook health. */
@Entity
@Table(name = "klarna_webhook_rejection")
class WebhookRejection {

  @Id
  @SequenceGenerator(
      name = "klarna_webhook_rejection_seq",
      sequenceName = "klarna_webhook_rejection_seq",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "klarna_webhook_rejection_seq")
  private long id;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(nullable = false)
  private String reason;

  @Column(name = "signing_key_id")
  private String signingKeyId;

  /** How many refusals of this kind the row stands for ({@link RejectionTally}). */
  @Column(nullable = false)
  private int times = 1;

  protected WebhookRejection() {}

  /** The refusals of one kind counted since the last flush, as one row. */
  static WebhookRejection of(RejectionTally.Count c) {
    WebhookRejection r = new WebhookRejection();
    r.receivedAt = c.first();
    r.reason = KlarnaEvent.cut(c.kind().reason());
    String key = c.kind().signingKeyId();
    r.signingKeyId = key == null ? null : key.substring(0, Math.min(200, key.length()));
    r.times = (int) Math.min(Integer.MAX_VALUE, c.times());
    return r;
  }
}
