package com.stepup.gateway.disputes;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * A CDI event fired inside the transaction of a dispute's change the partner is told of, so that
 * the partner notification (the webhooks module's outbox) commits or rolls back with it.
 *
 * @param eventType {@code dispute.opened}, {@code dispute.updated}, {@code
 *     dispute.evidence_due_soon}, {@code dispute.won}, {@code dispute.lost}
 * @param data the dispute as {@code GET /api/v1/disputes/{id}} answers it
 */
public record DisputeNotice(
    String disputeId,
    String paymentId,
    String merchantId,
    String eventType,
    JsonObject data,
    Instant at) {}
