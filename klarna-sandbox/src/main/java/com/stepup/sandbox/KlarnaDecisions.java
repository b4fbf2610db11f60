package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What Klarna's side decides about disputes, when a test asks through the sandbox's controls: a
 * shopper opens a dispute on a capture, Klarna decides an outcome, Klarna extends the evidence
 * deadline. Each move goes through {@link Disputes}, so it keeps Klarna's transition table.
 */
@ApplicationScoped
public class KlarnaDecisions {

  private final SandboxClock clock;
  private final Transactions transactions;
  private final Disputes disputes;

  @Inject
  KlarnaDecisions(SandboxClock clock, Transactions transactions, Disputes disputes) {
    this.clock = clock;
    this.transactions = transactions;
    this.disputes = disputes;
  }

  /** For CDI's client proxy only. */
  protected KlarnaDecisions() {
    this(null, null, null);
  }

  /** The control {@code POST /sandbox/disputes}: opens a dispute on a captured transaction. */
  public JsonObject open(JsonObject body) {
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    String transactionId = DisputeAnswers.text(body, "payment_transaction_id", invalid, true);
    String reason = DisputeAnswers.text(body, "reason", invalid, true);
    if (reason != null && !Dispute.REASONS.contains(reason)) {
      invalid.add(new KlarnaError.Invalid("reason", "must be one of " + Dispute.REASONS));
    }
    String captureId = DisputeAnswers.text(body, "capture_id", invalid, false);
    Long amount = null;
    if (body.containsKey("amount")) {
      amount = AuthorizeValidation.exactLong(body.get("amount"));
      if (amount == null || amount < 1) {
        invalid.add(new KlarnaError.Invalid("amount", "must be an integer of at least 1"));
      }
    }
    for (String field : body.keySet()) {
      if (!Set.of("payment_transaction_id", "reason", "amount", "capture_id").contains(field)) {
        invalid.add(new KlarnaError.Invalid(field, "is not a known field"));
      }
    }
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    Transaction t = transactions.find(transactionId);
    Dispute d = disputes.create(t, captureId, reason, amount, "CUSTOMER", null);
    return DisputeJson.toJson(d);
  }

  /**
   * {@code decide}: {@code preliminary_outcome} in REPRESENTMENT (WON closes it, LOST opens the
   * appeal window); {@code outcome} is binding, in ARBITRATION, or in INITIATED as Klarna's
   * auto-close (WON: the customer withdrew).
   */
  public JsonObject decide(String id, JsonObject body) {
    Dispute d = disputes.get(id);
    String preliminary = body.getString("preliminary_outcome", null);
    String outcome = body.getString("outcome", null);
    if ((preliminary == null) == (outcome == null)) {
      throw KlarnaError.validation(
          "outcome", "send exactly one of preliminary_outcome and outcome");
    }
    DisputeOutcome value =
        DisputeOutcome.of(preliminary != null ? preliminary : outcome)
            .orElseThrow(
                () ->
                    KlarnaError.validation(
                        preliminary != null ? "preliminary_outcome" : "outcome",
                        "must be WON or LOST"));
    List<Disputes.Change> changes = new ArrayList<>();
    synchronized (d) {
      if (preliminary != null) {
        if (d.state != DisputeState.REPRESENTMENT) {
          throw KlarnaError.conflict(
              "A preliminary outcome is decided in REPRESENTMENT; the dispute is " + d.state + ".");
        }
        changes.addAll(disputes.preliminary(d, value));
      } else {
        if (d.state != DisputeState.ARBITRATION && d.state != DisputeState.INITIATED) {
          throw KlarnaError.conflict(
              "A final outcome is decided in ARBITRATION (or INITIATED, auto-close); the dispute"
                  + " is "
                  + d.state
                  + ".");
        }
        String detailed =
            d.state == DisputeState.INITIATED
                ? (value == DisputeOutcome.WON
                    ? "customer_cancelled_dispute"
                    : "klarna_resolved_dispute_in_customer_favor")
                : (value == DisputeOutcome.WON
                    ? "klarna_resolved_dispute_in_partner_favor"
                    : "insufficient_proof_of_delivery");
        changes.add(disputes.close(d, value, detailed));
      }
    }
    changes.forEach(disputes::announce);
    return DisputeJson.toJson(d);
  }

  /** {@code extend}: moves the evidence deadline of a dispute still waiting for it. */
  public JsonObject extend(String id, JsonObject body) {
    Dispute d = disputes.get(id);
    if (!(body.get("seconds") instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1) {
      throw KlarnaError.validation("seconds", "must be a whole number of seconds, at least 1");
    }
    Disputes.Change change;
    synchronized (d) {
      if (!d.evidenceRequested()) {
        throw KlarnaError.conflict(
            "Only a dispute waiting for evidence has a deadline to extend; it is " + d.state + ".");
      }
      Instant before = d.evidenceExpiresAt;
      d.evidenceExpiresAt = before.plusSeconds(n.longValue());
      d.updatedAt = clock.instant();
      d.processExceptions.add(
          Json.createObjectBuilder()
              .add("exception_type", "dispute_window_extension")
              .add("reason", "regulatory_requirement")
              .add("description", "Deadline extended by " + n.longValue() + " seconds")
              .build());
      JsonObjectBuilder payload = DisputeJson.common(d);
      payload
          .add(
              "updated_fields",
              Json.createObjectBuilder()
                  .add("evidence_response_deadline_at", PaymentRequest.iso(d.evidenceExpiresAt)))
          .add(
              "previous_fields",
              Json.createObjectBuilder()
                  .add("evidence_response_deadline_at", PaymentRequest.iso(before)))
          .add("currency", d.currency);
      change = new Disputes.Change(d, EventTypes.DISPUTE_DEADLINE_EXTENDED, payload.build());
    }
    disputes.announce(change);
    return DisputeJson.toJson(d);
  }
}
