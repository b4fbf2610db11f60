package com.stepup.gateway.webhooks.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

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
  long id;

  @Column(name = "received_at", nullable = false)
  OffsetDateTime receivedAt;

  @Column(nullable = false)
  String reason;

  @Column(name = "signing_key_id")
  String signingKeyId;

  /** How many refusals of this kind the row stands for ({@link RejectionTally}). */
  @Column(nullable = false)
  int times = 1;
}
