package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.AttachmentView;
import com.stepup.gateway.disputes.DisputeNotice;
import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.klarna.KlarnaDispute;
import com.stepup.gateway.payments.PaymentDisputes;
import com.stepup.gateway.platform.Ids;
import com.stepup.gateway.platform.errors.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every change of a dispute, each in one short transaction of its own (Klarna is called between
 * them, never inside): the dispute locked, the aggregate decides, the payment's amounts and the
 * partner's notices written in the same transaction.
 */
@ApplicationScoped
class DisputeChanges {

  @Inject DisputeRepository repository;
  @Inject PaymentDisputes payments;
  @Inject Event<DisputeNotice> notices;
  @Inject Clock clock;

  /**
   * Klarna's view of a dispute: opened, or moved forward, or nothing; {@code source} (webhook,
   * deadline, reconciliation) names what told us, for the timeline.
   */
  @Transactional
  DisputeView learned(KlarnaDispute klarna, PaymentDisputes.Disputed payment, String source) {
    Instant now = clock.instant();
    Dispute d = repository.byKlarnaId(klarna.id(), true).orElse(null);
    boolean isNew = d == null;
    if (isNew) {
      d = Dispute.open(Ids.next("dsp"), klarna, payment, now);
      repository.add(d);
    }
    Dispute.Learned learned = d.learn(klarna, isNew, now);
    apply(d, learned, now);
    for (String event : learned.events()) {
      record(d, event.substring("dispute.".length()), "Klarna (" + source + ")", now);
    }
    if (learned.evidenceTaken()) { // Klarna's answer to the represent call was lost
      markUsed(d.id(), d.evidenceAnswer().attachmentIds(), "evidence");
      record(d, "evidence_sent", d.evidenceAskedBy(), now);
    }
    return d.view();
  }

  /** What to send Klarna for an evidence answer (nothing: Klarna has taken this key's answer). */
  record EvidenceToSend(
      DisputeView dispute, com.stepup.gateway.disputes.Answer answer, String klarnaKey) {}

  /**
   * Decides an evidence answer under the dispute's lock ({@link Dispute#evidenceStep}) and, for a
   * new one, checks it ({@code check} throws on a bad answer, and nothing is bound) and binds it to
   * the dispute before Klarna is asked, so that a retry under the same key resumes it.
   */
  @Transactional
  EvidenceToSend evidence(
      String merchantId,
      String id,
      String key,
      com.stepup.gateway.disputes.Answer answer,
      String who,
      Consumer<DisputeView> check) {
    Instant now = clock.instant();
    Dispute d = locked(merchantId, id);
    return switch (d.evidenceStep(key, answer, now)) {
      case TAKEN -> new EvidenceToSend(d.view(), null, null);
      case RESUME -> new EvidenceToSend(d.view(), d.evidenceAnswer(), d.evidenceKlarnaKey());
      case NEW -> {
        check.accept(d.view());
        String klarnaKey = d.bindEvidence(key, answer, who, now);
        yield new EvidenceToSend(d.view(), d.evidenceAnswer(), klarnaKey);
      }
    };
  }

  /** Klarna refused the evidence in flight for good: unbound, a corrected answer may follow. */
  @Transactional
  void evidenceRefused(String merchantId, String id) {
    locked(merchantId, id).evidenceRefused(clock.instant());
  }

  /** Reads the merchant's dispute and holds it to {@code rule} (a {@code Conflict} when not). */
  @Transactional
  DisputeView check(String merchantId, String id, Consumer<Dispute> rule) {
    Dispute d = repository.find(merchantId, id).orElseThrow(() -> new NotFound("Dispute " + id));
    rule.accept(d);
    return d.view();
  }

  @Transactional
  AttachmentView attached(DisputeAttachment a) {
    repository.add(a);
    return a.view();
  }

  /** Klarna answered the evidence in flight: sent (unless a webhook told it first). */
  @Transactional
  DisputeView evidenceSent(String merchantId, String id) {
    Instant now = clock.instant();
    Dispute d = locked(merchantId, id);
    Dispute.Learned sent = d.evidenceSent(now);
    if (sent.changed()) {
      markUsed(d.id(), d.evidenceAnswer().attachmentIds(), "evidence");
      apply(d, sent, now);
      record(d, "evidence_sent", d.evidenceAskedBy(), now);
    }
    return d.view();
  }

  @Transactional
  DisputeView appealSent(
      String merchantId, String id, String information, List<String> used, String who) {
    Instant now = clock.instant();
    Dispute d = locked(merchantId, id);
    markUsed(d.id(), used, "appeal");
    apply(d, d.appealSent(information, now), now);
    record(d, "appeal_sent", who, now);
    return d.view();
  }

  @Transactional
  DisputeView lossAccepted(String merchantId, String id, String who) {
    Instant now = clock.instant();
    Dispute d = locked(merchantId, id);
    Dispute.Learned learned = d.lossAccepted(now);
    apply(d, learned, now);
    if (learned.changed()) {
      record(d, "loss_accepted", who, now);
    }
    return d.view();
  }

  /** Sends {@code dispute.evidence_due_soon} once, when the deadline is 48 h away or nearer. */
  @Transactional
  boolean noticeIfDueSoon(String id) {
    Instant now = clock.instant();
    Dispute d = locked(null, id);
    if (!d.dueSoon(now)) {
      return false;
    }
    fire(d.view(), "dispute.evidence_due_soon", now);
    record(d, "evidence_due_soon", "the gateway", now);
    return true;
  }

  /**
   * Klarna was asked about the dispute after its deadline passed: the next ask, if one is still
   * needed, waits longer ({@link Dispute#deadlineChecked}). Answers when it comes, or null.
   */
  @Transactional
  Instant deadlineChecked(String id) {
    return locked(null, id).deadlineChecked(clock.instant());
  }

  private Dispute locked(String merchantId, String id) {
    return repository.lock(merchantId, id).orElseThrow(() -> new NotFound("Dispute " + id));
  }

  private void record(Dispute d, String kind, String by, Instant now) {
    repository.add(DisputeEvent.of(Ids.next("dse"), d, kind, by, now));
  }

  private void markUsed(String disputeId, List<String> attachmentIds, String answer) {
    for (DisputeAttachment a : repository.attachments(disputeId)) {
      if (attachmentIds.contains(a.id())) {
        a.usedIn(answer);
      }
    }
  }

  private void apply(Dispute d, Dispute.Learned learned, Instant now) {
    if (!learned.changed()) {
      return;
    }
    payments.disputeMoved(d.paymentId(), d.id(), learned.disputedDelta(), learned.lostDelta(), now);
    DisputeView view = d.view();
    for (String event : learned.events()) {
      fire(view, event, now);
    }
  }

  private void fire(DisputeView view, String event, Instant now) {
    notices.fire(
        new DisputeNotice(
            view.id(), view.paymentId(), view.merchantId(), event, DisputeJson.dispute(view), now));
  }
}
