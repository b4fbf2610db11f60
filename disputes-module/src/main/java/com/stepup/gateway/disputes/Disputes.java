package com.stepup.gateway.disputes;

import com.stepup.gateway.platform.ListPage;
import java.time.Instant;
import java.util.List;

/**
 * The disputes module's API for the partner API and the console. Every call is scoped to a merchant
 * ({@code null} for platform staff); another merchant's dispute is simply not found. A call the
 * dispute's state does not allow is a {@code Conflict} (409), decided before Klarna is called.
 */
public interface Disputes {

  ListPage<DisputeView> list(String merchantId, DisputeFilter filter, int page, int size);

  DisputeView get(String merchantId, String disputeId);

  /** The payment's disputes, newest first (another merchant's payment: none). */
  List<DisputeView> forPayment(String merchantId, String paymentId);

  List<AttachmentView> attachments(String merchantId, String disputeId);

  /**
   * Checks the file (PDF, JPEG, PNG or DOCX by its content and name, 1 byte to 7 MiB: 400
   * otherwise, nothing sent) and uploads it to Klarna.
   */
  AttachmentView upload(String merchantId, String disputeId, NewAttachment file);

  /** Sends the evidence ({@code represent}); the dispute after it. */
  default DisputeView represent(
      String merchantId, String disputeId, Answer answer, String operator) {
    return represent(merchantId, disputeId, answer, operator, null);
  }

  /**
   * The same, bound to the caller's {@code Idempotency-Key} (null: none) before Klarna is asked:
   * when Klarna's answer is lost, a request with the same key sends the same answer again with the
   * same {@code Klarna-Idempotency-Key}, or, once Klarna has shown it taken (its webhook may come
   * first), answers the dispute as it stands; another answer meanwhile is a {@code Conflict}.
   */
  DisputeView represent(
      String merchantId, String disputeId, Answer answer, String operator, String key);

  DisputeView appeal(String merchantId, String disputeId, Answer answer, String operator);

  DisputeView accept(String merchantId, String disputeId, String operator);

  /**
   * Builds the evidence pack, uploads it and represents with it (and any further attachments) in
   * one step: the console's "answer with the evidence pack".
   */
  default DisputeView answerWithEvidencePack(
      String merchantId, String disputeId, Answer more, String operator) {
    return answerWithEvidencePack(merchantId, disputeId, more, operator, null);
  }

  /**
   * The same, bound to {@code key} as {@link #represent} is; the whole answer (at most 9 further
   * attachments, each this dispute's) is checked before the pack is uploaded, and an answer in
   * flight is sent again as it was, without a second pack.
   */
  DisputeView answerWithEvidencePack(
      String merchantId, String disputeId, Answer more, String operator, String key);

  /** The dispute's timeline, oldest first: what Klarna told and what the merchant answered. */
  List<DisputeEventView> timeline(String merchantId, String disputeId);

  /** The evidence pack: a PDF of what the gateway knows of the disputed payment. */
  byte[] evidencePack(String merchantId, String disputeId);

  /** Open disputes and the nearest deadline, for the dashboard. */
  Summary summary(String merchantId);

  record Summary(long open, Instant nearestDeadline) {}
}
