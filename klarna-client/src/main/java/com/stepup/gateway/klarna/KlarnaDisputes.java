package com.stepup.gateway.klarna;

import java.time.Instant;
import java.util.List;

/**
 * Klarna's v4 disputes API (KLARNA-API.md §11.1): the port the disputes module calls Klarna
 * through. Reads are retried on no answer, 429 and 5xx; the calls that change a dispute carry the
 * caller's {@code Klarna-Idempotency-Key}, so a retry gets Klarna's first answer instead of a
 * second one. Failures are {@link KlarnaException}s.
 */
public interface KlarnaDisputes {

  /** One file of an answer, by Klarna's attachment id, with what it shows. */
  record Attachment(String id, String description) {}

  /** One page of the list, and the cursor of the next (null on the last page). */
  record Page(List<KlarnaDispute> disputes, String next) {}

  KlarnaDispute get(String disputeId);

  /** Disputes updated at or after {@code updatedSince}, oldest first; {@code after}: the cursor. */
  Page list(Instant updatedSince, String after, int size);

  /** Uploads one file; answers Klarna's attachment id. */
  String upload(
      String disputeId, String filename, String contentType, byte[] content, String idempotencyKey);

  /** {@code represent}: the evidence, in INITIATED. */
  void represent(
      String disputeId,
      List<Attachment> attachments,
      String additionalInformation,
      Long proposedRefundAmount,
      String idempotencyKey);

  /** {@code appeal}, in PRE_ARBITRATION. */
  void appeal(
      String disputeId,
      String additionalInformation,
      List<Attachment> attachments,
      String idempotencyKey);

  /** {@code accept-loss}, in INITIATED or PRE_ARBITRATION. */
  void acceptLoss(String disputeId, String idempotencyKey);
}
