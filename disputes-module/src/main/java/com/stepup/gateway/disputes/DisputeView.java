package com.stepup.gateway.disputes;

import java.time.Instant;

/**
 * A dispute as the partner API and the console show it.
 *
 * @param dueAt the deadline the merchant must act by now (evidence in INITIATED, appeal in
 *     PRE_ARBITRATION), or null
 * @param requestInformation what Klarna asked for
 */
public record DisputeView(
    String id,
    String merchantId,
    String paymentId,
    String captureId,
    String klarnaDisputeId,
    String reason,
    DisputeState state,
    long amount,
    String currency,
    Instant evidenceDueAt,
    Instant appealDueAt,
    String outcome,
    String outcomeDetailed,
    String preliminaryOutcome,
    String requestInformation,
    Instant evidenceSentAt,
    String evidenceInformation,
    Instant appealSentAt,
    String appealInformation,
    Instant createdAt,
    Instant updatedAt) {

  public Instant dueAt() {
    return switch (state) {
      case INITIATED -> evidenceSentAt == null ? evidenceDueAt : null;
      case PRE_ARBITRATION -> appealSentAt == null ? appealDueAt : null;
      default -> null;
    };
  }

  public boolean takesEvidence() {
    return state.takesEvidence() && evidenceSentAt == null;
  }

  public boolean takesAppeal() {
    return state.takesAppeal() && appealSentAt == null;
  }

  public boolean takesAcceptance() {
    return state.takesAcceptance();
  }

  /** Files can be uploaded while an answer can still be given. */
  public boolean takesAttachments() {
    return takesEvidence() || takesAppeal();
  }
}
