package com.stepup.sandbox;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One v4 dispute as Klarna keeps it (KLARNA-API.md §11.3), on one capture of a transaction: its
 * state and representment state, the partner's evidence and appeal, Klarna's outcomes, and the
 * files uploaded for it. Changed under its own lock, by {@link Disputes}, which decides which moves
 * are allowed.
 */
final class Dispute {

  static final List<String> REASONS =
      List.of(
          "REFUND_NOT_PROCESSED",
          "PRODUCTS_OR_SERVICES_NOT_RECEIVED",
          "PRODUCTS_DEFECTIVE_OR_NOT_AS_DESCRIBED",
          "INCORRECT_AMOUNT",
          "PURCHASE_UNAUTHORIZED",
          "PURCHASE_HIGH_RISK",
          "NON_COMPLIANCE",
          "NON_GUARANTEED_PAYMENT_PROGRAM");

  static final Duration HIGH_RISK_WINDOW = Duration.ofHours(96);
  static final Duration UNAUTHORIZED_WINDOW = Duration.ofDays(7);
  static final Duration OTHER_WINDOW = Duration.ofDays(21);

  record Attachment(
      String id, String filename, String mimeType, byte[] content, Instant createdAt) {}

  record Reference(Attachment attachment, String description) {}

  record Evidence(Instant createdAt, String information, List<Reference> attachments) {}

  final String id;
  final Transaction transaction;
  final String captureId;
  final String reason;
  final long amount;
  final String currency;
  final String createdBy;
  final Instant createdAt;
  final String flag;
  Instant updatedAt;
  DisputeState state = DisputeState.INITIATED;
  DisputeState previousState;
  String representmentState = "EVIDENCE_REQUESTED";
  String representmentPrevious;
  Instant evidenceExpiresAt;
  final String requestInformation;
  Evidence partnerEvidence;
  Long proposedRefund;
  DisputeOutcome preliminaryOutcome;
  String preliminaryDetailed;
  Instant arbitrationExpiresAt;
  Evidence arbitrationRequest;
  DisputeOutcome outcome;
  String outcomeDetailed;
  Instant closedAt;
  Instant scriptDueAt;
  String scriptStep;
  final Map<String, Attachment> uploads = new LinkedHashMap<>();
  final List<JsonObject> processExceptions = new ArrayList<>();

  Dispute(
      String id,
      Transaction transaction,
      String captureId,
      String reason,
      long amount,
      String createdBy,
      String flag,
      Instant now) {
    this.id = id;
    this.transaction = transaction;
    this.captureId = captureId;
    this.reason = reason;
    this.amount = amount;
    this.currency = transaction.currency;
    this.createdBy = createdBy;
    this.flag = flag;
    this.createdAt = now;
    this.updatedAt = now;
    this.evidenceExpiresAt = now.plus(evidenceWindow(reason));
    this.requestInformation =
        "The customer disputes the purchase ("
            + reason.toLowerCase(Locale.ROOT).replace('_', ' ')
            + "). Send evidence that supports the charge.";
  }

  String orderId() {
    return transaction.id.substring(transaction.id.lastIndexOf(':') + 1);
  }

  boolean evidenceRequested() {
    return state == DisputeState.INITIATED && "EVIDENCE_REQUESTED".equals(representmentState);
  }

  static Duration evidenceWindow(String reason) {
    return switch (reason) {
      case "PURCHASE_UNAUTHORIZED" -> UNAUTHORIZED_WINDOW;
      case "PURCHASE_HIGH_RISK" -> HIGH_RISK_WINDOW;
      default -> OTHER_WINDOW;
    };
  }

  /** The representment moves on to {@code to}, remembering where it was. */
  void representment(String to) {
    representmentPrevious = representmentState;
    representmentState = to;
  }

  /** Klarna's outcome: closes at {@code now}, or at the last change if that is later. */
  void decide(DisputeOutcome outcome, String detailed, Instant now) {
    this.outcome = outcome;
    this.outcomeDetailed = detailed;
    this.closedAt = now.isBefore(updatedAt) ? updatedAt : now;
  }

  /** Moves to {@code to} at {@code now}; answers the state-change event's type. */
  String moveTo(DisputeState to, Instant now) {
    previousState = state;
    state = to;
    if (now.isAfter(updatedAt)) {
      updatedAt = now;
    }
    if (to == DisputeState.CLOSED && closedAt == null) {
      closedAt = updatedAt;
    }
    return to.eventType();
  }
}
