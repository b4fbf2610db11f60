package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.disputes.DisputeState;
import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.klarna.KlarnaDispute;
import com.stepup.gateway.payments.PaymentDisputes;
import com.stepup.gateway.platform.errors.Conflict;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Klarna dispute against one of our payments: the aggregate every change of a dispute goes
 * through. Klarna's word decides the state; the dispute only takes what moves it forward in
 * Klarna's order ({@link DisputeState#isAfter}), so a late, repeated or reordered event changes
 * nothing. What the merchant may do is decided here too, before Klarna is asked.
 *
 * <p>The payment's {@code amounts.disputed} and {@code amounts.lost} follow from the dispute: its
 * amount is disputed while it is open, and lost when it closes LOST ({@link Learned}).
 */
@Entity
@Table(name = "dispute")
public class Dispute {

  /** The evidence-due-soon notice goes this long before the deadline. */
  static final Duration DUE_SOON = Duration.ofHours(48);

  /**
   * After a deadline passes, Klarna is asked at once how the dispute ended, then (while it still
   * shows the deadline passed) again after 1 minute, 2, 4, ... at most every {@link #MAX_RECHECK};
   * once the deadline is {@link #LONG_PAST} behind, once a day (the daily pass over Klarna's list
   * reads it too). A closed dispute, or one waiting on Klarna (no deadline of the merchant's), is
   * not asked at all.
   */
  static final Duration FIRST_RECHECK = Duration.ofMinutes(1);

  static final Duration MAX_RECHECK = Duration.ofHours(6);
  static final Duration LONG_PAST = Duration.ofDays(7);
  static final Duration LONG_PAST_RECHECK = Duration.ofDays(1);

  @Id private String id;

  @Column(name = "merchant_id", nullable = false)
  private String merchantId;

  @Column(name = "payment_id", nullable = false)
  private String paymentId;

  @Column(name = "capture_id")
  private String captureId;

  @Column(name = "klarna_dispute_id", nullable = false)
  private String klarnaDisputeId;

  @Column(name = "klarna_capture_id")
  private String klarnaCaptureId;

  @Column(nullable = false)
  private String reason;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private DisputeState state;

  @Column(nullable = false)
  private long amount;

  @Column(nullable = false)
  private String currency;

  @Column(name = "representment_state")
  private String representmentState;

  @Column(name = "request_information")
  private String requestInformation;

  @Column(name = "evidence_due_at")
  private Instant evidenceDueAt;

  @Column(name = "appeal_due_at")
  private Instant appealDueAt;

  /** The deadline the merchant must act by now; kept in a column to sort and filter by. */
  @Column(name = "due_at")
  private Instant dueAt;

  @Column(name = "due_soon_noticed", nullable = false)
  private boolean dueSoonNoticed;

  /** How often Klarna was asked since {@link #dueAt} passed, and when to ask next (null: now). */
  @Column(name = "deadline_checks", nullable = false)
  private int deadlineChecks;

  @Column(name = "next_check_at")
  private Instant nextCheckAt;

  @Column(name = "preliminary_outcome")
  private String preliminaryOutcome;

  @Column private String outcome;

  @Column(name = "outcome_detailed")
  private String outcomeDetailed;

  @Column(name = "evidence_sent_at")
  private Instant evidenceSentAt;

  @Column(name = "evidence_information")
  private String evidenceInformation;

  /**
   * The evidence answer being sent, bound before Klarna is asked: the partner's Idempotency-Key
   * (null: none, or a console user), the Klarna-Idempotency-Key it goes with, what is sent (with
   * {@link #evidenceInformation}), and who asked when. In flight while {@link #evidenceSentAt} is
   * null; sent once Klarna answered it, or showed it taken.
   */
  @Column(name = "evidence_key")
  private String evidenceKey;

  @Column(name = "evidence_klarna_key")
  private String evidenceKlarnaKey;

  @Column(name = "evidence_attachments")
  private String evidenceAttachments;

  @Column(name = "evidence_refund")
  private Long evidenceRefund;

  @Column(name = "evidence_asked_at")
  private Instant evidenceAskedAt;

  @Column(name = "evidence_asked_by")
  private String evidenceAskedBy;

  /** Evidence answers bound so far: each refused one's successor gets the next Klarna key. */
  @Column(name = "evidence_attempts", nullable = false)
  private int evidenceAttempts;

  @Column(name = "appeal_sent_at")
  private Instant appealSentAt;

  @Column(name = "appeal_information")
  private String appealInformation;

  @Column(name = "klarna_updated_at")
  private Instant klarnaUpdatedAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Dispute() {}

  /**
   * What learning from Klarna changed: the partner's events to send, and how the payment's disputed
   * and lost amounts move.
   */
  record Learned(List<String> events, long disputedDelta, long lostDelta, boolean evidenceTaken) {
    static final Learned NOTHING = new Learned(List.of(), 0, 0);

    Learned(List<String> events, long disputedDelta, long lostDelta) {
      this(events, disputedDelta, lostDelta, false);
    }

    boolean changed() {
      return !events.isEmpty();
    }
  }

  /**
   * The dispute as Klarna first shows it; Klarna's get-details always carries amount and reason.
   */
  static Dispute open(
      String id, KlarnaDispute klarna, PaymentDisputes.Disputed payment, Instant now) {
    Objects.requireNonNull(klarna.amount(), "a new dispute's amount");
    Dispute d = new Dispute();
    d.id = id;
    d.merchantId = payment.merchantId();
    d.paymentId = payment.paymentId();
    d.captureId = payment.captureId();
    d.klarnaDisputeId = klarna.id();
    d.klarnaCaptureId = klarna.captureId();
    d.reason = klarna.reason() == null ? "UNKNOWN" : klarna.reason();
    d.amount = klarna.amount();
    d.currency = klarna.currency() == null ? payment.currency() : klarna.currency().toUpperCase();
    d.state = DisputeState.INITIATED;
    d.createdAt = klarna.createdAt() == null ? now : klarna.createdAt();
    d.updatedAt = now;
    return d;
  }

  /**
   * Takes Klarna's view if it moves the dispute forward: a later state, or in the same state a
   * newer version (a deadline extended). A new dispute (just {@link #open}ed) is {@code
   * dispute.opened}; a close is {@code dispute.won} or {@code dispute.lost}; a later state or a
   * moved deadline {@code dispute.updated}. A newer version that changes nothing the partner sees
   * (Klarna confirming the evidence the gateway already recorded) is kept and told to no one.
   * Evidence in flight that Klarna shows taken is sent ({@link Learned#evidenceTaken}).
   */
  Learned learn(KlarnaDispute klarna, boolean isNew, Instant now) {
    DisputeState to = DisputeState.fromWire(klarna.state());
    boolean moved = to.isAfter(state);
    boolean newer =
        to == state
            && klarna.updatedAt() != null
            && (klarnaUpdatedAt == null || klarna.updatedAt().isAfter(klarnaUpdatedAt));
    if (!isNew && !moved && !newer) {
      return Learned.NOTHING; // late, repeated or reordered: Klarna's order decides
    }
    long disputed = 0;
    long lost = 0;
    if (isNew) {
      disputed += amount;
    }
    Instant evidenceBefore = evidenceDueAt;
    Instant appealBefore = appealDueAt;
    state = to;
    representmentState = first(klarna.representmentState(), representmentState);
    requestInformation = first(trim(klarna.requestInformation(), 2000), requestInformation);
    evidenceDueAt = klarna.evidenceDueAt() == null ? evidenceDueAt : klarna.evidenceDueAt();
    appealDueAt = klarna.appealDueAt() == null ? appealDueAt : klarna.appealDueAt();
    preliminaryOutcome = first(klarna.preliminaryOutcome(), preliminaryOutcome);
    if (klarna.updatedAt() != null) {
      klarnaUpdatedAt = klarna.updatedAt();
    }
    List<String> events = new ArrayList<>(2);
    if (isNew) {
      events.add("dispute.opened");
    }
    if (to == DisputeState.CLOSED && (moved || isNew)) {
      outcome = klarna.outcome();
      outcomeDetailed = klarna.outcomeDetailed();
      disputed -= amount;
      if ("LOST".equals(outcome)) {
        lost += amount;
      }
      events.add("LOST".equals(outcome) ? "dispute.lost" : "dispute.won");
    } else if (!isNew
        && to != DisputeState.CLOSED
        && (moved
            || !Objects.equals(evidenceBefore, evidenceDueAt)
            || !Objects.equals(appealBefore, appealDueAt))) {
      events.add("dispute.updated"); // a closed dispute's outcome is final: nothing more to tell
    }
    if (!Objects.equals(evidenceBefore, evidenceDueAt)) {
      dueSoonNoticed = false; // a new deadline earns its own notice
    }
    boolean taken = evidenceInFlight() && showsEvidenceTaken(to);
    if (taken) {
      evidenceSentAt = evidenceAskedAt; // the answer the gateway sent when Klarna's reply was lost
    }
    setDue(due());
    if (!events.isEmpty() || taken) {
      updatedAt = now;
    }
    return new Learned(List.copyOf(events), disputed, lost, taken);
  }

  /** Klarna moved on from the evidence request because it received evidence. */
  private boolean showsEvidenceTaken(DisputeState to) {
    return to == DisputeState.REPRESENTMENT
        || (to.isAfter(DisputeState.INITIATED) && "EVIDENCE_RECEIVED".equals(representmentState));
  }

  // -- what the merchant may do, decided before Klarna is asked ------------------------------

  /** What an evidence answer does: send a new one, send again the one in flight, or neither. */
  enum EvidenceStep {
    /** Nothing in flight: check the answer, bind it ({@link #bindEvidence}) and send it. */
    NEW,
    /** The same caller's answer is in flight: send it again, as it was bound, with its key. */
    RESUME,
    /** Klarna has taken the answer this key sent: answer the dispute as it stands. */
    TAKEN
  }

  /**
   * Decides an evidence answer under the partner's {@code key} (null: none, or the console): in
   * INITIATED, before the deadline, with nothing in flight, a new one; the answer in flight again
   * if the same key asks (without a key: the same answer, or {@code answer} null for "whatever was
   * sent"); the key's answer once Klarna took it. Anything else is a {@code Conflict}.
   */
  EvidenceStep evidenceStep(String key, com.stepup.gateway.disputes.Answer answer, Instant now) {
    if (evidenceSentAt != null || state != DisputeState.INITIATED) {
      if (evidenceSentAt != null && key != null && key.equals(evidenceKey)) {
        return EvidenceStep.TAKEN;
      }
      checkEvidence(now);
    }
    if (evidenceInFlight()) {
      boolean same =
          key != null
              ? key.equals(evidenceKey)
              : evidenceKey == null && (answer == null || answer.equals(evidenceAnswer()));
      if (same) {
        return EvidenceStep.RESUME;
      }
      throw new Conflict(
          "Evidence sent at "
              + evidenceAskedAt
              + " is waiting for Klarna's answer; send that request again"
              + (evidenceKey == null ? "" : " with its Idempotency-Key")
              + " to learn it.");
    }
    checkEvidence(now);
    return EvidenceStep.NEW;
  }

  /**
   * Binds a checked evidence answer to the dispute before Klarna is asked: the caller's key, the
   * Klarna key it is sent with (the first answer {@code dsp_…:represent}, each one after a refusal
   * {@code dsp_…:represent:2}, ...), what is sent and who sends it. Answers the Klarna key.
   */
  String bindEvidence(
      String key, com.stepup.gateway.disputes.Answer answer, String who, Instant now) {
    evidenceAttempts++;
    evidenceKey = key;
    evidenceKlarnaKey = id + ":represent" + (evidenceAttempts == 1 ? "" : ":" + evidenceAttempts);
    evidenceAttachments = String.join(",", answer.attachmentIds());
    evidenceInformation = answer.additionalInformation();
    evidenceRefund = answer.proposedRefundAmount();
    evidenceAskedAt = now;
    evidenceAskedBy = trim(who, 200);
    updatedAt = now;
    return evidenceKlarnaKey;
  }

  /** The answer in flight (or sent), as it was bound. */
  com.stepup.gateway.disputes.Answer evidenceAnswer() {
    return new com.stepup.gateway.disputes.Answer(
        evidenceAttachments == null || evidenceAttachments.isEmpty()
            ? List.of()
            : List.of(evidenceAttachments.split(",")),
        evidenceInformation,
        evidenceRefund);
  }

  String evidenceKlarnaKey() {
    return evidenceKlarnaKey;
  }

  String evidenceAskedBy() {
    return evidenceAskedBy;
  }

  boolean evidenceInFlight() {
    return evidenceAskedAt != null && evidenceSentAt == null;
  }

  /** Klarna refused the answer in flight for good: nothing was sent, a corrected one may be. */
  void evidenceRefused(Instant now) {
    if (!evidenceInFlight()) {
      return;
    }
    evidenceKey = null;
    evidenceAttachments = null;
    evidenceInformation = null;
    evidenceRefund = null;
    evidenceAskedAt = null;
    evidenceAskedBy = null;
    updatedAt = now;
  }

  void checkEvidence(Instant now) {
    if (!state.takesEvidence() || evidenceSentAt != null) {
      throw new Conflict(
          "The dispute is "
              + state
              + (evidenceSentAt != null ? " and its evidence was sent" : "")
              + "; evidence is taken in INITIATED only, once.");
    }
    if (evidenceDueAt != null && !now.isBefore(evidenceDueAt)) {
      throw new Conflict("The deadline for evidence has passed.");
    }
  }

  void checkAppeal(Instant now) {
    if (!state.takesAppeal() || appealSentAt != null) {
      throw new Conflict(
          "The dispute is "
              + state
              + "; an appeal is taken in PRE_ARBITRATION (after a preliminary LOST), once.");
    }
    if (appealDueAt != null && !now.isBefore(appealDueAt)) {
      throw new Conflict("The deadline for an appeal has passed.");
    }
  }

  void checkAcceptance() {
    if (!state.takesAcceptance()) {
      throw new Conflict(
          "The dispute is "
              + state
              + "; the loss can be accepted in INITIATED or PRE_ARBITRATION.");
    }
  }

  void checkAttachments() {
    if (!view().takesAttachments()) {
      throw new Conflict(
          "The dispute is "
              + state
              + "; files are taken while evidence or an appeal can still be sent.");
    }
  }

  /**
   * Klarna took the evidence in flight: the dispute is in REPRESENTMENT (a later event may say
   * more). Nothing when a webhook told it first ({@link #learn}).
   */
  Learned evidenceSent(Instant now) {
    if (evidenceSentAt != null) {
      return Learned.NOTHING;
    }
    evidenceSentAt = now;
    return movedByAnswer(DisputeState.REPRESENTMENT, "EVIDENCE_RECEIVED", now);
  }

  Learned appealSent(String information, Instant now) {
    appealSentAt = now;
    appealInformation = information;
    return movedByAnswer(DisputeState.ARBITRATION, null, now);
  }

  /** Klarna answered accept-loss {@code {"state":"CLOSED"}}: closed, LOST. */
  Learned lossAccepted(Instant now) {
    if (!DisputeState.CLOSED.isAfter(state)) {
      return Learned.NOTHING;
    }
    if (state == DisputeState.INITIATED) {
      representmentState = "EVIDENCE_WAIVED";
    }
    state = DisputeState.CLOSED;
    outcome = "LOST";
    outcomeDetailed = "partner_accepted_the_loss";
    setDue(null);
    updatedAt = now;
    return new Learned(List.of("dispute.lost"), -amount, amount);
  }

  private Learned movedByAnswer(DisputeState to, String representment, Instant now) {
    if (to.isAfter(state)) {
      state = to;
      if (representment != null) {
        representmentState = representment;
      }
    }
    setDue(due());
    updatedAt = now;
    return new Learned(List.of("dispute.updated"), 0, 0);
  }

  /** True once, when the evidence deadline is within {@link #DUE_SOON} and not yet noticed. */
  boolean dueSoon(Instant now) {
    if (dueSoonNoticed || dueAt == null || state != DisputeState.INITIATED) {
      return false;
    }
    if (now.plus(DUE_SOON).isBefore(dueAt)) {
      return false;
    }
    dueSoonNoticed = true;
    return true;
  }

  /** A new deadline (or none) starts the re-reads after it afresh. */
  private void setDue(Instant due) {
    if (!Objects.equals(dueAt, due)) {
      deadlineChecks = 0;
      nextCheckAt = null;
    }
    dueAt = due;
  }

  /**
   * Whether the gateway should ask Klarna about this dispute now: its deadline has passed (Klarna
   * closes or moves it) and the back-off since the last ask is over. The query of {@link
   * DisputeRepository#overdue} says the same.
   */
  boolean deadlineCheckDue(Instant now) {
    return dueAt != null
        && dueAt.isBefore(now)
        && (nextCheckAt == null || !nextCheckAt.isAfter(now));
  }

  /**
   * Klarna was asked (or could not be) after the deadline passed, and what it said is learned: if
   * the dispute still waits on that deadline, the next ask waits longer. Answers when it comes,
   * null when no ask is needed any more.
   */
  Instant deadlineChecked(Instant now) {
    if (dueAt == null || !dueAt.isBefore(now)) {
      return null;
    }
    Duration wait = recheckAfter(deadlineChecks, Duration.between(dueAt, now));
    deadlineChecks++;
    nextCheckAt = now.plus(wait);
    return nextCheckAt;
  }

  /** The wait after the {@code checks}-th ask, {@code past} after the deadline. */
  static Duration recheckAfter(int checks, Duration past) {
    if (past.compareTo(LONG_PAST) >= 0) {
      return LONG_PAST_RECHECK;
    }
    Duration wait = FIRST_RECHECK.multipliedBy(1L << Math.min(checks, 20));
    return wait.compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : wait;
  }

  private Instant due() {
    return switch (state) {
      case INITIATED -> evidenceSentAt == null ? evidenceDueAt : null;
      case PRE_ARBITRATION -> appealSentAt == null ? appealDueAt : null;
      default -> null;
    };
  }

  DisputeView view() {
    return new DisputeView(
        id,
        merchantId,
        paymentId,
        captureId,
        klarnaDisputeId,
        reason,
        state,
        amount,
        currency,
        evidenceDueAt,
        appealDueAt,
        outcome,
        outcomeDetailed,
        preliminaryOutcome,
        requestInformation,
        evidenceSentAt,
        evidenceInformation,
        appealSentAt,
        appealInformation,
        createdAt,
        updatedAt);
  }

  String id() {
    return id;
  }

  String merchantId() {
    return merchantId;
  }

  String paymentId() {
    return paymentId;
  }

  String klarnaDisputeId() {
    return klarnaDisputeId;
  }

  long amount() {
    return amount;
  }

  DisputeState state() {
    return state;
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static String trim(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
