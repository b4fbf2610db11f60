package com.stepup.gateway.webhooks.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Klarna webhook event in the inbox, keyed by Klarna's {@code metadata.event_id}: claimed for
 * work, then done, ignored, put back, or failed for good; only its own methods change it.
 */
@Entity
@Table(name = "klarna_event")
class KlarnaEvent {

  enum Status {
    RECEIVED,
    WORKING,
    DONE,
    IGNORED,
    FAILED
  }

  /** Tokens leave the stored envelope once the event has been acted on. */
  private static final Pattern TOKENS =
      Pattern.compile("\"(klarna_network_session_token|payment_token)\"\\s*:\\s*\"[^\"]*\"");

  @Id
  @Column(name = "event_id")
  private String eventId;

  @Column(name = "event_type", nullable = false)
  private String eventType;

  @Column(name = "payment_request_id")
  private String paymentRequestId;

  @Column(name = "signing_key_id", nullable = false)
  private String signingKeyId;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(nullable = false)
  private int attempts;

  @Column(nullable = false)
  private int duplicates;

  @Column(name = "claimed_at")
  private Instant claimedAt;

  @Column(name = "processed_at")
  private Instant processedAt;

  private String error;

  @Column(nullable = false)
  private String body;

  protected KlarnaEvent() {}

  /** An event as it arrived, already claimed for work by whoever stored it. */
  static KlarnaEvent arrived(KlarnaInbox.Arrival a, Instant now) {
    KlarnaEvent e = new KlarnaEvent();
    e.eventId = a.eventId();
    e.eventType = a.eventType();
    e.paymentRequestId = a.paymentRequestId();
    e.signingKeyId = a.signingKeyId();
    e.occurredAt = a.occurredAt();
    e.receivedAt = now;
    e.status = Status.WORKING;
    e.claimedAt = now;
    e.attempts = 1;
    e.body = a.body();
    return e;
  }

  String eventId() {
    return eventId;
  }

  void countDuplicate() {
    duplicates++;
  }

  /** What the worker holding the claim acts on. */
  KlarnaInbox.Claimed claimed() {
    return new KlarnaInbox.Claimed(eventId, eventType, body, attempts, occurredAt);
  }

  /** Taken unless it is done or someone took it less than {@code retryAfter} ago. */
  Optional<KlarnaInbox.Claimed> claim(Instant now, Duration retryAfter) {
    boolean free =
        status == Status.RECEIVED
            || (status == Status.WORKING && claimedAt.isBefore(now.minus(retryAfter)));
    if (!free) {
      return Optional.empty();
    }
    status = Status.WORKING;
    claimedAt = now;
    attempts++;
    return Optional.of(claimed());
  }

  /** Acted on ({@code DONE}) or deliberately not ({@code IGNORED}); the tokens are blanked. */
  void finish(Status outcome, String note, Instant now) {
    status = outcome;
    processedAt = now;
    error = cut(note);
    body = TOKENS.matcher(body).replaceAll("\"$1\":\"[redacted]\"");
  }

  /** Could not be acted on: put back for later, or failed for good after {@code maxAttempts}. */
  void failed(String why, int maxAttempts, Instant now) {
    error = cut(why);
    claimedAt = now;
    status = attempts >= maxAttempts ? Status.FAILED : Status.RECEIVED;
  }

  static String cut(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
  }
}
