package com.stepup.sandbox;

import com.stepup.sandbox.Dispute.Evidence;
import com.stepup.sandbox.Dispute.Reference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Klarna's v4 disputes (KLARNA-API.md §11, what the emulator must do §13). A dispute opens on a
 * captured transaction, by a sandbox control or by a flag in the shopper's e-mail, and then follows
 * Klarna's transition table (§11.4) and nothing else:
 *
 * <pre>
 * (new) → INITIATED → REPRESENTMENT → PRE_ARBITRATION → ARBITRATION → CLOSED (WON | LOST)
 *         INITIATED → CLOSED                       (accept-loss, evidence deadline passed)
 *         REPRESENTMENT → CLOSED                   (preliminary WON)
 *         PRE_ARBITRATION → CLOSED                 (accept-loss, appeal window passed)
 * </pre>
 *
 * <ul>
 *   <li>{@code represent}: INITIATED with the evidence still requested, before its deadline;
 *   <li>{@code appeal}: PRE_ARBITRATION before {@code arbitration_expires_at};
 *   <li>{@code accept-loss}: INITIATED or PRE_ARBITRATION;
 *   <li>uploads ({@link DisputeAttachments}): PDF, JPEG, PNG or DOCX (the content and the name's
 *       extension agree), 1 byte to 7 MiB, while an answer can still be given (INITIATED before the
 *       evidence is sent, PRE_ARBITRATION before the appeal); otherwise 409;
 *   <li>Klarna's own decisions and deadline extensions, asked for by the sandbox's controls: {@link
 *       KlarnaDecisions}.
 * </ul>
 *
 * Every transition sends one {@code payment.dispute.state-change.<state>}; a deadline extension
 * sends {@code payment.dispute.updated.representment-deadline-extended}. Deadlines run on the
 * sandbox clock: 7 days for {@code PURCHASE_UNAUTHORIZED}, 96 hours for {@code PURCHASE_HIGH_RISK},
 * 21 days otherwise; the appeal window is 10 days.
 */
@ApplicationScoped
public class Disputes {

  static final Duration APPEAL_WINDOW = Duration.ofDays(10);

  /** A closed dispute is forgotten this long after it closed (sandbox time). */
  static final Duration RETENTION = Duration.ofDays(30);

  /** How long after a flagged capture its dispute opens, and a scripted decision follows. */
  static final Duration SCRIPT_DELAY = Duration.ofSeconds(3);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SandboxClock clock;
  private final Transactions transactions;
  private final Webhooks webhooks;
  private final Ledger ledger;

  /** A transition or update to announce once the dispute's lock is let go. */
  record Change(Dispute dispute, String eventType, JsonObject payload) {}

  private final Map<String, Dispute> byId = new ConcurrentHashMap<>();

  @Inject
  Disputes(SandboxClock clock, Transactions transactions, Webhooks webhooks, Ledger ledger) {
    this.clock = clock;
    this.transactions = transactions;
    this.webhooks = webhooks;
    this.ledger = ledger;
  }

  /** For CDI's client proxy only. */
  protected Disputes() {
    this(null, null, null, null);
  }

  Dispute create(
      Transaction t, String captureId, String reason, Long amount, String createdBy, String flag) {
    Dispute d;
    synchronized (t) {
      if (t.captures.isEmpty()) {
        throw KlarnaError.conflict("Only a captured transaction can be disputed.");
      }
      Transaction.Capture capture =
          captureId == null
              ? t.captures.get(t.captures.size() - 1)
              : t.captures.stream()
                  .filter(c -> c.id().equals(captureId))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          KlarnaError.validation(
                              "capture_id", "is not a capture of this transaction"));
      long disputable = capture.amount() - t.refundedOf(capture.id());
      if (disputable < 1) {
        throw KlarnaError.conflict("The capture is refunded in full; nothing can be disputed.");
      }
      long disputed = amount == null ? disputable : amount;
      if (disputed > disputable) {
        throw KlarnaError.validation(
            "amount", "must be at most the capture's amount not refunded (" + disputable + ")");
      }
      boolean open =
          byId.values().stream()
              .anyMatch(x -> x.captureId.equals(capture.id()) && x.state != DisputeState.CLOSED);
      if (open) {
        throw KlarnaError.conflict("The capture already has an open dispute.");
      }
      d =
          new Dispute(
              "krn:network:eu1:test:payment:dispute:" + disputeNumber(),
              t,
              capture.id(),
              reason,
              disputed,
              createdBy,
              flag,
              clock.instant());
      byId.put(d.id, d);
    }
    announce(new Change(d, DisputeState.INITIATED.eventType(), DisputeJson.event(d)));
    return d;
  }

  // -- the partner's operations

  Dispute get(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) {
      throw KlarnaError.validation("payment_dispute_id", "must be 1 to 100 characters");
    }
    Dispute d = byId.get(id);
    if (d == null) {
      throw KlarnaError.notFound("Payment dispute " + id);
    }
    applyClock(d);
    return d;
  }

  /** {@code accept-loss}: INITIATED or PRE_ARBITRATION → CLOSED, LOST. */
  JsonObject acceptLoss(String id) {
    Dispute d = get(id);
    Change change;
    synchronized (d) {
      if (d.state != DisputeState.INITIATED && d.state != DisputeState.PRE_ARBITRATION) {
        throw KlarnaError.conflict(
            "The dispute is not in a state where it can be accepted, or the acceptance type is"
                + " not valid for the current state ("
                + d.state
                + ").");
      }
      if (d.state == DisputeState.INITIATED) {
        d.representment("EVIDENCE_WAIVED");
      }
      change = close(d, DisputeOutcome.LOST, "partner_accepted_the_loss");
    }
    announce(change);
    return Json.createObjectBuilder().add("state", DisputeState.CLOSED.name()).build();
  }

  /** {@code represent}: evidence for a dispute in INITIATED whose evidence is still requested. */
  JsonObject represent(String id, JsonObject body) {
    Dispute d = get(id);
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    String information = DisputeAnswers.optionalText(body, "additional_information", 5000, invalid);
    Long proposed = null;
    if (body.containsKey("partner_proposed_refund_amount")) {
      proposed = AuthorizeValidation.exactLong(body.get("partner_proposed_refund_amount"));
      if (proposed == null || proposed < 0) {
        invalid.add(
            new KlarnaError.Invalid(
                "partner_proposed_refund_amount", "must be an integer in minor units"));
      } else if (proposed >= d.amount) {
        invalid.add(
            new KlarnaError.Invalid(
                "partner_proposed_refund_amount",
                "must be less than the full disputed amount (" + d.amount + ")"));
      }
    }
    List<JsonObject> refs = DisputeAnswers.references(body, true, invalid);
    Change change;
    Evidence evidence;
    synchronized (d) {
      if (!d.evidenceRequested()) {
        throw KlarnaError.conflict(
            "The dispute is not in a state where representment can be submitted ("
                + d.state
                + ", "
                + d.representmentState
                + ").");
      }
      if (!invalid.isEmpty()) {
        throw KlarnaError.validation(invalid);
      }
      List<Reference> attached = DisputeAnswers.resolve(d, refs);
      Instant now = clock.instant();
      evidence = new Evidence(now, information, attached);
      d.partnerEvidence = evidence;
      d.proposedRefund = proposed;
      d.representment("EVIDENCE_RECEIVED");
      change = move(d, DisputeState.REPRESENTMENT);
      script(d, "evidence");
    }
    announce(change);
    var json =
        Json.createObjectBuilder()
            .add("state", DisputeState.REPRESENTMENT.name())
            .add("created_at", PaymentRequest.iso(evidence.createdAt()));
    PaymentRequest.addIfSet(json, "additional_information", information);
    return json.add("attachments", DisputeJson.referencesJson(evidence.attachments())).build();
  }

  /** {@code appeal}: PRE_ARBITRATION, before {@code arbitration_expires_at}. */
  JsonObject appeal(String id, JsonObject body) {
    Dispute d = get(id);
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    String information =
        DisputeAnswers.optionalText(body, "additional_information", 10_000, invalid);
    if (information == null || information.isEmpty()) {
      invalid.add(new KlarnaError.Invalid("additional_information", "is required (1 to 10000)"));
    }
    List<JsonObject> refs = DisputeAnswers.references(body, false, invalid);
    Change change;
    Evidence request;
    synchronized (d) {
      if (d.state != DisputeState.PRE_ARBITRATION) {
        throw KlarnaError.conflict(
            "The dispute is not in a state where an appeal can be submitted (" + d.state + ").");
      }
      if (!invalid.isEmpty()) {
        throw KlarnaError.validation(invalid);
      }
      request = new Evidence(clock.instant(), information, DisputeAnswers.resolve(d, refs));
      d.arbitrationRequest = request;
      change = move(d, DisputeState.ARBITRATION);
      script(d, "appeal");
    }
    announce(change);
    return Json.createObjectBuilder()
        .add("state", DisputeState.ARBITRATION.name())
        .add("created_at", PaymentRequest.iso(request.createdAt()))
        .add("additional_information", information)
        .build();
  }

  // -- the clock

  /** Opens due flagged disputes, runs due scripts, and closes disputes whose deadline passed. */
  void sweep() {
    Instant now = clock.instant();
    for (var p : transactions.takeFlaggedCaptures(now.minus(SCRIPT_DELAY))) {
      try {
        create(
            p.transaction(),
            p.captureId(),
            "PRODUCTS_OR_SERVICES_NOT_RECEIVED",
            null,
            "CUSTOMER",
            p.transaction().disputeFlag);
      } catch (KlarnaError e) {
        // refunded meanwhile, or already disputed: Klarna would not open it either
      }
    }
    byId.values().forEach(this::applyClock);
    Instant forgetBefore = now.minus(RETENTION);
    byId.values()
        .removeIf(
            d -> {
              synchronized (d) {
                return d.closedAt != null && d.closedAt.isBefore(forgetBefore);
              }
            });
  }

  void applyClock(Dispute d) {
    List<Change> changes = new ArrayList<>(2);
    synchronized (d) {
      Instant now = clock.instant();
      if (d.scriptDueAt != null && !now.isBefore(d.scriptDueAt)) {
        changes.addAll(runScript(d));
      }
      if (d.evidenceRequested() && !now.isBefore(d.evidenceExpiresAt)) {
        d.updatedAt = d.evidenceExpiresAt;
        d.representment("EVIDENCE_REQUEST_EXPIRED");
        changes.add(close(d, DisputeOutcome.LOST, "partner_did_not_reply_to_dispute_request"));
      }
      if (d.state == DisputeState.PRE_ARBITRATION && !now.isBefore(d.arbitrationExpiresAt)) {
        d.updatedAt = d.arbitrationExpiresAt;
        changes.add(close(d, d.preliminaryOutcome, d.preliminaryDetailed));
      }
    }
    changes.forEach(this::announce);
  }

  /** Klarna's scripted decisions for flagged disputes (§11.8). */
  private void script(Dispute d, String step) {
    if (d.flag == null) {
      return;
    }
    boolean acts =
        switch (d.flag) {
          case "dispute_win_on_evidence",
              "dispute_pre_arb_accept_loss",
              "dispute_pre_arb_window_expired" ->
              "evidence".equals(step);
          case "dispute_pre_arb_lose_after_arbitration" -> true;
          default -> false;
        };
    if (acts) {
      d.scriptStep = step;
      d.scriptDueAt = clock.instant().plus(SCRIPT_DELAY);
    }
  }

  private List<Change> runScript(Dispute d) {
    String step = d.scriptStep;
    d.scriptDueAt = null;
    d.scriptStep = null;
    if ("evidence".equals(step) && d.state == DisputeState.REPRESENTMENT) {
      return preliminary(
          d, "dispute_win_on_evidence".equals(d.flag) ? DisputeOutcome.WON : DisputeOutcome.LOST);
    }
    if ("appeal".equals(step) && d.state == DisputeState.ARBITRATION) {
      return List.of(close(d, DisputeOutcome.LOST, "insufficient_proof_of_delivery"));
    }
    return List.of();
  }

  List<Change> preliminary(Dispute d, DisputeOutcome value) {
    d.preliminaryOutcome = value;
    if (value == DisputeOutcome.WON) {
      d.preliminaryDetailed = "klarna_resolved_dispute_in_partner_favor";
      return List.of(close(d, DisputeOutcome.WON, d.preliminaryDetailed));
    }
    d.preliminaryDetailed = "insufficient_proof_of_delivery";
    d.arbitrationExpiresAt = clock.instant().plus(APPEAL_WINDOW);
    return List.of(move(d, DisputeState.PRE_ARBITRATION));
  }

  // -- moves

  Change close(Dispute d, DisputeOutcome outcome, String detailed) {
    d.decide(outcome, detailed, clock.instant());
    if (outcome == DisputeOutcome.LOST) {
      // the settlement's side of a loss (issue 27): Klarna takes the amount and its fee back
      Transaction t = d.transaction;
      ledger.disputeLost(
          t.account, d.currency, t.id, t.reference, d.id, d.amount, t.createdAt, d.closedAt);
    }
    return move(d, DisputeState.CLOSED);
  }

  private Change move(Dispute d, DisputeState to) {
    String type = d.moveTo(to, clock.instant());
    return new Change(d, type, DisputeJson.event(d));
  }

  void announce(Change change) {
    if (change != null) {
      webhooks.publishDispute(
          change.dispute().transaction.account,
          change.dispute().id,
          change.eventType(),
          change.payload());
    }
  }

  /** {@code GET /v4/payment/disputes}: the filters, {@code sort_by} and the cursor (§11.1). */
  JsonObject list(Map<String, List<String>> query) {
    DisputeList.Query valid = DisputeList.parse(query);
    byId.values().forEach(this::applyClock);
    return valid.page(byId.values());
  }

  Map<String, Dispute> all() {
    return byId;
  }

  private static String disputeNumber() {
    return String.valueOf(
        1_000_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000_000L);
  }
}
