package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.Answer;
import com.stepup.gateway.disputes.AttachmentView;
import com.stepup.gateway.disputes.DisputeEventView;
import com.stepup.gateway.disputes.DisputeFilter;
import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.disputes.Disputes;
import com.stepup.gateway.disputes.NewAttachment;
import com.stepup.gateway.klarna.KlarnaDisputes;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.Ids;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.UtcTimestamp;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.platform.errors.KlarnaRefused;
import com.stepup.gateway.platform.errors.KlarnaUnavailable;
import com.stepup.gateway.platform.errors.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The use cases behind {@link Disputes}. An answer is decided in one short transaction (the state
 * allows it, the attachments are this dispute's), sent to Klarna outside any transaction with a
 * {@code Klarna-Idempotency-Key} that names the dispute and the answer (so a retry, now or by the
 * partner later, gets Klarna's first answer and never a second one), and recorded in another.
 */
@ApplicationScoped
class DisputeFacade implements Disputes {

  static final int MAX_ATTACHMENTS = 10;

  @Inject DisputeRepository repository;
  @Inject DisputeChanges changes;
  @Inject KlarnaDisputes klarna;
  @Inject EvidencePack evidencePack;
  @Inject Clock clock;

  @Override
  public ListPage<DisputeView> list(String merchantId, DisputeFilter filter, int page, int size) {
    return repository.list(merchantId, filter, page, size).map(Dispute::view);
  }

  @Override
  public DisputeView get(String merchantId, String disputeId) {
    return dispute(merchantId, disputeId).view();
  }

  @Override
  public List<DisputeView> forPayment(String merchantId, String paymentId) {
    return repository
        .list(merchantId, new DisputeFilter(null, null, paymentId, null, false), 0, 100)
        .items()
        .stream()
        .map(Dispute::view)
        .toList();
  }

  @Override
  public List<AttachmentView> attachments(String merchantId, String disputeId) {
    Dispute d = dispute(merchantId, disputeId);
    return repository.attachments(d.id()).stream().map(DisputeAttachment::view).toList();
  }

  @Override
  public AttachmentView upload(String merchantId, String disputeId, NewAttachment file) {
    List<FieldError> errors = new ArrayList<>();
    AttachmentCheck.FileType type = AttachmentCheck.check(file.filename(), file.content(), errors);
    String description = file.description();
    if (description != null && description.length() > 1000) {
      errors.add(new FieldError("description", "must be at most 1000 characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    DisputeView d = changes.check(merchantId, disputeId, Dispute::checkAttachments);
    String id = Ids.next("att");
    String klarnaId =
        klarnaCall(
            "upload",
            () ->
                klarna.upload(
                    d.klarnaDisputeId(), file.filename(), type.mimeType, file.content(), id));
    return changes.attached(
        new DisputeAttachment(
            id,
            d.id(),
            file.filename(),
            type.mimeType,
            file.content().length,
            blankToNull(description),
            klarnaId,
            clock.instant()));
  }

  @Override
  public DisputeView represent(
      String merchantId, String disputeId, Answer answer, String who, String key) {
    DisputeChanges.EvidenceToSend send =
        changes.evidence(
            merchantId, disputeId, key, answer, by(who), d -> checkEvidence(d, answer));
    return send(merchantId, disputeId, send);
  }

  /** The evidence's fields and attachments, before anything is bound or sent (400 otherwise). */
  private void checkEvidence(DisputeView d, Answer answer) {
    if (answer == null) { // resuming, but Klarna refused the answer in flight meanwhile
      throw new Conflict("The evidence sent before was refused by Klarna; answer again.");
    }
    List<FieldError> errors = new ArrayList<>();
    if (answer.attachmentIds() == null || answer.attachmentIds().isEmpty()) {
      errors.add(new FieldError("attachment_ids", "at least one attachment is required"));
    }
    if (answer.proposedRefundAmount() != null
        && (answer.proposedRefundAmount() < 0 || answer.proposedRefundAmount() >= d.amount())) {
      errors.add(
          new FieldError(
              "proposed_refund_amount",
              "must be at least 0 and less than the disputed amount (" + d.amount() + ")"));
    }
    if (answer.additionalInformation() != null && answer.additionalInformation().length() > 5000) {
      errors.add(new FieldError("additional_information", "must be at most 5000 characters"));
    }
    references(d, answer.attachmentIds(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
  }

  /**
   * Sends the evidence bound to the dispute with its Klarna key and records Klarna's answer. A
   * refusal unbinds it; no answer leaves it in flight, for a retry under the same key (or Klarna's
   * webhook) to finish.
   */
  private DisputeView send(String merchantId, String disputeId, DisputeChanges.EvidenceToSend s) {
    if (s.answer() == null) {
      return s.dispute(); // Klarna took this key's answer: the first answer's outcome
    }
    List<FieldError> errors = new ArrayList<>();
    List<KlarnaDisputes.Attachment> refs =
        references(s.dispute(), s.answer().attachmentIds(), errors);
    try {
      klarnaCall(
          "represent",
          () -> {
            klarna.represent(
                s.dispute().klarnaDisputeId(),
                refs,
                blankToNull(s.answer().additionalInformation()),
                s.answer().proposedRefundAmount(),
                s.klarnaKey());
            return null;
          });
    } catch (Conflict | NotFound | KlarnaRefused refused) {
      changes.evidenceRefused(merchantId, disputeId);
      throw refused;
    }
    return changes.evidenceSent(merchantId, disputeId);
  }

  @Override
  public DisputeView appeal(String merchantId, String disputeId, Answer answer, String who) {
    Instant now = clock.instant();
    DisputeView d = changes.check(merchantId, disputeId, x -> x.checkAppeal(now));
    List<FieldError> errors = new ArrayList<>();
    String info = answer.additionalInformation();
    if (info == null || info.isBlank() || info.length() > 10_000) {
      errors.add(new FieldError("additional_information", "is required: 1 to 10000 characters"));
    }
    List<String> ids = answer.attachmentIds() == null ? List.of() : answer.attachmentIds();
    List<KlarnaDisputes.Attachment> refs = references(d, ids, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    klarnaCall(
        "appeal",
        () -> {
          klarna.appeal(d.klarnaDisputeId(), info, refs, d.id() + ":appeal");
          return null;
        });
    return changes.appealSent(merchantId, disputeId, info, ids, by(who));
  }

  @Override
  public DisputeView accept(String merchantId, String disputeId, String who) {
    DisputeView d = changes.check(merchantId, disputeId, Dispute::checkAcceptance);
    klarnaCall(
        "accept-loss",
        () -> {
          klarna.acceptLoss(d.klarnaDisputeId(), d.id() + ":accept-loss:" + d.state());
          return null;
        });
    return changes.lossAccepted(merchantId, disputeId, by(who));
  }

  @Override
  public DisputeView answerWithEvidencePack(
      String merchantId, String disputeId, Answer more, String who, String key) {
    Instant now = clock.instant();
    List<String> extra =
        more == null || more.attachmentIds() == null ? List.of() : more.attachmentIds();
    Dispute.EvidenceStep[] step = new Dispute.EvidenceStep[1];
    DisputeView d =
        changes.check(merchantId, disputeId, x -> step[0] = x.evidenceStep(key, null, now));
    if (step[0] != Dispute.EvidenceStep.NEW) {
      return represent(merchantId, disputeId, null, who, key); // the pack went out already
    }
    // the whole answer is checked before the pack is uploaded: a refusal leaves nothing at Klarna
    List<FieldError> errors = new ArrayList<>();
    if (extra.size() + 1 > MAX_ATTACHMENTS) {
      errors.add(
          new FieldError(
              "attachment_ids",
              "at most " + (MAX_ATTACHMENTS - 1) + " attachments besides the evidence pack"));
    }
    references(d, extra, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    byte[] pdf = evidencePack(merchantId, disputeId);
    AttachmentView pack =
        upload(
            merchantId,
            disputeId,
            new NewAttachment(
                "evidence-pack-" + d.id() + ".pdf",
                "application/pdf",
                pdf,
                "The payment's record at the gateway"));
    List<String> ids = new ArrayList<>();
    ids.add(pack.id());
    ids.addAll(extra);
    return represent(
        merchantId,
        disputeId,
        new Answer(
            ids,
            more == null ? null : more.additionalInformation(),
            more == null ? null : more.proposedRefundAmount()),
        who,
        key);
  }

  @Override
  public List<DisputeEventView> timeline(String merchantId, String disputeId) {
    Dispute d = dispute(merchantId, disputeId);
    return repository.events(d.id()).stream().map(DisputeEvent::view).toList();
  }

  /** Who answered, for the timeline: a console user by name, else the partner (API key). */
  private static String by(String who) {
    return who == null || who.isBlank() ? "the partner" : who + " in the console";
  }

  @Override
  public byte[] evidencePack(String merchantId, String disputeId) {
    return evidencePack.build(dispute(merchantId, disputeId).view());
  }

  @Override
  public Summary summary(String merchantId) {
    Object[] row = repository.summary(merchantId);
    return new Summary(((Number) row[0]).longValue(), UtcTimestamp.instant(row[1]));
  }

  private Dispute dispute(String merchantId, String id) {
    return repository.find(merchantId, id).orElseThrow(() -> new NotFound("Dispute " + id));
  }

  /** The attachments an answer names: each must be this dispute's ({@code attachment_ids}). */
  private List<KlarnaDisputes.Attachment> references(
      DisputeView d, List<String> ids, List<FieldError> errors) {
    if (ids == null) {
      return List.of();
    }
    if (ids.size() > MAX_ATTACHMENTS) {
      errors.add(new FieldError("attachment_ids", "at most " + MAX_ATTACHMENTS + " attachments"));
    }
    Map<String, DisputeAttachment> mine =
        repository.attachments(d.id()).stream()
            .collect(Collectors.toMap(DisputeAttachment::id, Function.identity()));
    List<KlarnaDisputes.Attachment> refs = new ArrayList<>();
    for (String id : ids) {
      DisputeAttachment a = mine.get(id);
      if (a == null) {
        errors.add(new FieldError("attachment_ids", id + " is not an attachment of this dispute"));
      } else {
        refs.add(new KlarnaDisputes.Attachment(a.klarnaAttachmentId(), a.description()));
      }
    }
    return refs;
  }

  /** One Klarna call, its failure read once: refused by state (409), refused, or unknown. */
  private static <T> T klarnaCall(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KlarnaException e) {
      if (e.aboutTheResource()) {
        throw new Conflict("Klarna refused the " + what + ": " + e.describe());
      }
      if (e.status() == 404) {
        throw new NotFound("The dispute at Klarna");
      }
      if (e.refused()) {
        throw new KlarnaRefused("Klarna refused the " + what + ": " + e.describe());
      }
      throw new KlarnaUnavailable(
          "Klarna did not answer the " + what + "; send it again with the same Idempotency-Key");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
