package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

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
 *   <li>uploads: PDF, JPEG, PNG or DOCX (the content and the name's extension agree), 1 byte to 7
 *       MiB, while an answer can still be given (INITIATED before the evidence is sent,
 *       PRE_ARBITRATION before the appeal); otherwise 409.
 * </ul>
 *
 * Every transition sends one {@code payment.dispute.state-change.<state>}; a deadline extension
 * sends {@code payment.dispute.updated.representment-deadline-extended}. Deadlines run on the
 * sandbox clock: 7 days for {@code PURCHASE_UNAUTHORIZED}, 96 hours for {@code PURCHASE_HIGH_RISK},
 * 21 days otherwise; the appeal window is 10 days.
 */
@ApplicationScoped
public class Disputes {

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
  static final List<String> STATES =
      List.of("INITIATED", "REPRESENTMENT", "PRE_ARBITRATION", "ARBITRATION", "CLOSED");
  static final List<String> SORTS = List.of("created_at", "-created_at", "closed_at", "-closed_at");

  /**
   * Klarna's sandbox flags (§11.8), matched as a {@code +}-prefixed part of the e-mail's local
   * part.
   */
  static final List<String> FLAGS =
      List.of(
          "dispute_win_on_evidence",
          "dispute_lose_on_expiry",
          "dispute_pre_arb_accept_loss",
          "dispute_pre_arb_window_expired",
          "dispute_pre_arb_lose_after_arbitration");

  static final long MAX_FILE_BYTES = 7L * 1024 * 1024;
  static final int MAX_ATTACHMENTS_PER_ANSWER = 10;
  static final int MAX_UPLOADS_PER_DISPUTE = 30;
  static final Duration APPEAL_WINDOW = Duration.ofDays(10);
  static final Duration HIGH_RISK_WINDOW = Duration.ofHours(96);
  static final Duration UNAUTHORIZED_WINDOW = Duration.ofDays(7);
  static final Duration OTHER_WINDOW = Duration.ofDays(21);

  /** A closed dispute is forgotten this long after it closed (sandbox time). */
  static final Duration RETENTION = Duration.ofDays(30);

  /** How long after a flagged capture its dispute opens, and a scripted decision follows. */
  static final Duration SCRIPT_DELAY = Duration.ofSeconds(3);

  /** File types Klarna takes, by extension: the MIME type and the content's first bytes. */
  enum FileType {
    PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, "pdf"),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "jpg", "jpeg"),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, "png"),
    DOCX(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        new byte[] {'P', 'K', 3, 4},
        "docx");

    final String mimeType;
    final byte[] magic;
    final List<String> extensions;

    FileType(String mimeType, byte[] magic, String... extensions) {
      this.mimeType = mimeType;
      this.magic = magic;
      this.extensions = List.of(extensions);
    }

    static Optional<FileType> ofExtension(String extension) {
      for (FileType t : values()) {
        if (t.extensions.contains(extension.toLowerCase(Locale.ROOT))) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }

    boolean matches(byte[] content) {
      if (content.length < magic.length) {
        return false;
      }
      for (int i = 0; i < magic.length; i++) {
        if (content[i] != magic[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject SandboxClock clock;
  @Inject Transactions transactions;
  @Inject Notifications notifications;
  @Inject Ledger ledger;

  record Attachment(
      String id, String filename, String mimeType, byte[] content, Instant createdAt) {}

  record Reference(Attachment attachment, String description) {}

  record Evidence(Instant createdAt, String information, List<Reference> attachments) {}

  /** A transition or update to announce once the dispute's lock is let go. */
  record Change(Dispute dispute, String eventType, JsonObject payload) {}

  /** One dispute; changed under its own lock. */
  static final class Dispute {
    final String id;
    final Transactions.Transaction transaction;
    final String captureId;
    final String reason;
    final long amount;
    final String currency;
    final String createdBy;
    final Instant createdAt;
    final String flag;
    Instant updatedAt;
    String state = "INITIATED";
    String previousState;
    String representmentState = "EVIDENCE_REQUESTED";
    String representmentPrevious;
    Instant evidenceExpiresAt;
    final String requestInformation;
    Evidence partnerEvidence;
    Long proposedRefund;
    String preliminaryOutcome;
    String preliminaryDetailed;
    Instant arbitrationExpiresAt;
    Evidence arbitrationRequest;
    String outcome;
    String outcomeDetailed;
    Instant closedAt;
    Instant scriptDueAt;
    String scriptStep;
    final Map<String, Attachment> uploads = new LinkedHashMap<>();
    final List<JsonObject> processExceptions = new ArrayList<>();

    Dispute(
        String id,
        Transactions.Transaction transaction,
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
      return "INITIATED".equals(state) && "EVIDENCE_REQUESTED".equals(representmentState);
    }
  }

  private final Map<String, Dispute> byId = new ConcurrentHashMap<>();

  /** Flagged captures whose dispute opens {@link #SCRIPT_DELAY} after the capture. */
  private final List<Pending> pending = new ArrayList<>();

  private record Pending(Transactions.Transaction transaction, String captureId, Instant dueAt) {}

  static Duration evidenceWindow(String reason) {
    return switch (reason) {
      case "PURCHASE_UNAUTHORIZED" -> UNAUTHORIZED_WINDOW;
      case "PURCHASE_HIGH_RISK" -> HIGH_RISK_WINDOW;
      default -> OTHER_WINDOW;
    };
  }

  /** The sandbox flag in a shopper's e-mail, or null. */
  static String flagOf(String email) {
    if (email == null || email.indexOf('@') < 0) {
      return null;
    }
    String local = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
    // the longest first: dispute_pre_arb_accept_loss must not be read as a shorter flag
    return FLAGS.stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .filter(f -> local.contains("+" + f))
        .findFirst()
        .orElse(null);
  }

  // -- opening

  /** A capture of a flagged transaction: its dispute opens a few seconds later (§11.8). */
  void captured(Transactions.Transaction t, String captureId) {
    if (t.disputeFlag == null) {
      return;
    }
    synchronized (pending) {
      pending.add(new Pending(t, captureId, clock.instant().plus(SCRIPT_DELAY)));
    }
  }

  /** The control {@code POST /sandbox/disputes}: opens a dispute on a captured transaction. */
  JsonObject open(JsonObject body) {
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    String transactionId = text(body, "payment_transaction_id", invalid, true);
    String reason = text(body, "reason", invalid, true);
    if (reason != null && !REASONS.contains(reason)) {
      invalid.add(new KlarnaError.Invalid("reason", "must be one of " + REASONS));
    }
    String captureId = text(body, "capture_id", invalid, false);
    Long amount = null;
    if (body.containsKey("amount")) {
      amount = PaymentRequests.exactLong(body.get("amount"));
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
    Transactions.Transaction t = transactions.find(transactionId);
    Dispute d = create(t, captureId, reason, amount, "CUSTOMER", null);
    return toJson(d);
  }

  private Dispute create(
      Transactions.Transaction t,
      String captureId,
      String reason,
      Long amount,
      String createdBy,
      String flag) {
    Dispute d;
    synchronized (t) {
      if (t.captures.isEmpty()) {
        throw KlarnaError.conflict("Only a captured transaction can be disputed.");
      }
      Transactions.Capture capture =
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
              .anyMatch(x -> x.captureId.equals(capture.id()) && !"CLOSED".equals(x.state));
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
    announce(new Change(d, "payment.dispute.state-change.initiated", event(d)));
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
      if (!"INITIATED".equals(d.state) && !"PRE_ARBITRATION".equals(d.state)) {
        throw KlarnaError.conflict(
            "The dispute is not in a state where it can be accepted, or the acceptance type is"
                + " not valid for the current state ("
                + d.state
                + ").");
      }
      if ("INITIATED".equals(d.state)) {
        representment(d, "EVIDENCE_WAIVED");
      }
      change = close(d, "LOST", "partner_accepted_the_loss");
    }
    announce(change);
    return Json.createObjectBuilder().add("state", "CLOSED").build();
  }

  /** {@code represent}: evidence for a dispute in INITIATED whose evidence is still requested. */
  JsonObject represent(String id, JsonObject body) {
    Dispute d = get(id);
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    String information = optionalText(body, "additional_information", 5000, invalid);
    Long proposed = null;
    if (body.containsKey("partner_proposed_refund_amount")) {
      proposed = PaymentRequests.exactLong(body.get("partner_proposed_refund_amount"));
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
    List<JsonObject> refs = references(body, true, invalid);
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
      List<Reference> attached = resolve(d, refs);
      Instant now = clock.instant();
      evidence = new Evidence(now, information, attached);
      d.partnerEvidence = evidence;
      d.proposedRefund = proposed;
      representment(d, "EVIDENCE_RECEIVED");
      change = move(d, "REPRESENTMENT");
      script(d, "evidence");
    }
    announce(change);
    var json =
        Json.createObjectBuilder()
            .add("state", "REPRESENTMENT")
            .add("created_at", PaymentRequest.iso(evidence.createdAt()));
    PaymentRequest.addIfSet(json, "additional_information", information);
    return json.add("attachments", referencesJson(evidence.attachments())).build();
  }

  /** {@code appeal}: PRE_ARBITRATION, before {@code arbitration_expires_at}. */
  JsonObject appeal(String id, JsonObject body) {
    Dispute d = get(id);
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    String information = optionalText(body, "additional_information", 10_000, invalid);
    if (information == null || information.isEmpty()) {
      invalid.add(new KlarnaError.Invalid("additional_information", "is required (1 to 10000)"));
    }
    List<JsonObject> refs = references(body, false, invalid);
    Change change;
    Evidence request;
    synchronized (d) {
      if (!"PRE_ARBITRATION".equals(d.state)) {
        throw KlarnaError.conflict(
            "The dispute is not in a state where an appeal can be submitted (" + d.state + ").");
      }
      if (!invalid.isEmpty()) {
        throw KlarnaError.validation(invalid);
      }
      request = new Evidence(clock.instant(), information, resolve(d, refs));
      d.arbitrationRequest = request;
      change = move(d, "ARBITRATION");
      script(d, "appeal");
    }
    announce(change);
    return Json.createObjectBuilder()
        .add("state", "ARBITRATION")
        .add("created_at", PaymentRequest.iso(request.createdAt()))
        .add("additional_information", information)
        .build();
  }

  /** Checks and keeps one uploaded file. */
  JsonObject upload(String id, String filename, String partFilename, byte[] content) {
    Dispute d = get(id);
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    FileType type = checkFile(filename, partFilename, content, invalid);
    synchronized (d) {
      boolean answerable =
          d.evidenceRequested()
              || ("PRE_ARBITRATION".equals(d.state) && d.arbitrationRequest == null);
      if (!answerable) {
        throw KlarnaError.conflict(
            "Attachments can no longer be uploaded: the partner has already submitted evidence"
                + " for this dispute, or it is "
                + d.state
                + ".");
      }
      if (!invalid.isEmpty()) {
        throw KlarnaError.validation(invalid);
      }
      if (d.uploads.size() >= MAX_UPLOADS_PER_DISPUTE) {
        throw KlarnaError.forbidden(
            "At most " + MAX_UPLOADS_PER_DISPUTE + " attachments per dispute.");
      }
      String name = filename != null ? filename + "." + extension(partFilename) : partFilename;
      Attachment a =
          new Attachment(
              d.id + ":attachment:" + (d.uploads.size() + 1),
              name,
              type.mimeType,
              content,
              clock.instant());
      d.uploads.put(a.id(), a);
      d.updatedAt = a.createdAt();
      return Json.createObjectBuilder().add("payment_dispute_attachment_id", a.id()).build();
    }
  }

  /**
   * What Klarna refuses about a file: an empty one, one over 7 MiB, a type other than PDF, JPEG,
   * PNG or DOCX, content that is not what its extension says, a {@code filename} over 1,000
   * characters or with an extension of its own.
   */
  static FileType checkFile(
      String filename, String partFilename, byte[] content, List<KlarnaError.Invalid> invalid) {
    if (content == null || content.length == 0) {
      invalid.add(new KlarnaError.Invalid("file", "is required and must not be empty"));
      return null;
    }
    if (content.length > MAX_FILE_BYTES) {
      invalid.add(new KlarnaError.Invalid("file", "Maximum file size is 7MB"));
    }
    String extension = extension(partFilename);
    FileType type = FileType.ofExtension(extension).orElse(null);
    if (type == null) {
      invalid.add(
          new KlarnaError.Invalid(
              "file",
              "Supported file types: PDF, JPEG, PNG, and DOCX (.pdf, .jpg, .jpeg, .png, .docx)"));
    } else if (!type.matches(content)) {
      invalid.add(new KlarnaError.Invalid("file", "the content is not a " + type + " file"));
    }
    if (filename != null) {
      if (filename.isEmpty() || filename.length() > 1000) {
        invalid.add(new KlarnaError.Invalid("filename", "must be 1 to 1000 characters"));
      } else if (filename.contains(".")
          && FileType.ofExtension(extension(filename)).isPresent()
          && !extension(filename).equalsIgnoreCase(extension)) {
        invalid.add(
            new KlarnaError.Invalid(
                "filename", "the file extension must match the extension of the uploaded file"));
      }
    }
    return type;
  }

  static String extension(String name) {
    if (name == null || name.lastIndexOf('.') < 0) {
      return "";
    }
    return name.substring(name.lastIndexOf('.') + 1);
  }

  Attachment attachment(String id, String attachmentId) {
    Dispute d = get(id);
    synchronized (d) {
      Attachment a = d.uploads.get(attachmentId);
      if (a == null) {
        throw KlarnaError.notFound("Attachment " + attachmentId + " of dispute " + id);
      }
      return a;
    }
  }

  // -- the sandbox's controls

  /**
   * {@code decide}: {@code preliminary_outcome} in REPRESENTMENT (WON closes it, LOST opens the
   * appeal window); {@code outcome} is binding, in ARBITRATION, or in INITIATED as Klarna's
   * auto-close (WON: the customer withdrew).
   */
  JsonObject decide(String id, JsonObject body) {
    Dispute d = get(id);
    String preliminary = body.getString("preliminary_outcome", null);
    String outcome = body.getString("outcome", null);
    if ((preliminary == null) == (outcome == null)) {
      throw KlarnaError.validation(
          "outcome", "send exactly one of preliminary_outcome and outcome");
    }
    String value = preliminary != null ? preliminary : outcome;
    if (!"WON".equals(value) && !"LOST".equals(value)) {
      throw KlarnaError.validation(
          preliminary != null ? "preliminary_outcome" : "outcome", "must be WON or LOST");
    }
    List<Change> changes = new ArrayList<>();
    synchronized (d) {
      if (preliminary != null) {
        if (!"REPRESENTMENT".equals(d.state)) {
          throw KlarnaError.conflict(
              "A preliminary outcome is decided in REPRESENTMENT; the dispute is " + d.state + ".");
        }
        changes.addAll(preliminary(d, value));
      } else {
        if (!"ARBITRATION".equals(d.state) && !"INITIATED".equals(d.state)) {
          throw KlarnaError.conflict(
              "A final outcome is decided in ARBITRATION (or INITIATED, auto-close); the dispute"
                  + " is "
                  + d.state
                  + ".");
        }
        String detailed =
            "INITIATED".equals(d.state)
                ? ("WON".equals(value)
                    ? "customer_cancelled_dispute"
                    : "klarna_resolved_dispute_in_customer_favor")
                : ("WON".equals(value)
                    ? "klarna_resolved_dispute_in_partner_favor"
                    : "insufficient_proof_of_delivery");
        changes.add(close(d, value, detailed));
      }
    }
    changes.forEach(this::announce);
    return toJson(d);
  }

  /** {@code extend}: moves the evidence deadline of a dispute still waiting for it. */
  JsonObject extend(String id, JsonObject body) {
    Dispute d = get(id);
    if (!(body.get("seconds") instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1) {
      throw KlarnaError.validation("seconds", "must be a whole number of seconds, at least 1");
    }
    Change change;
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
      JsonObjectBuilder payload = common(d);
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
      change =
          new Change(d, "payment.dispute.updated.representment-deadline-extended", payload.build());
    }
    announce(change);
    return toJson(d);
  }

  // -- the clock

  /** Opens due flagged disputes, runs due scripts, and closes disputes whose deadline passed. */
  void sweep() {
    List<Pending> due = new ArrayList<>();
    Instant now = clock.instant();
    synchronized (pending) {
      pending.removeIf(
          p -> {
            if (!p.dueAt().isAfter(now)) {
              due.add(p);
              return true;
            }
            return false;
          });
    }
    for (Pending p : due) {
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
        representment(d, "EVIDENCE_REQUEST_EXPIRED");
        changes.add(close(d, "LOST", "partner_did_not_reply_to_dispute_request"));
      }
      if ("PRE_ARBITRATION".equals(d.state) && !now.isBefore(d.arbitrationExpiresAt)) {
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
    if ("evidence".equals(step) && "REPRESENTMENT".equals(d.state)) {
      return preliminary(d, "dispute_win_on_evidence".equals(d.flag) ? "WON" : "LOST");
    }
    if ("appeal".equals(step) && "ARBITRATION".equals(d.state)) {
      return List.of(close(d, "LOST", "insufficient_proof_of_delivery"));
    }
    return List.of();
  }

  private List<Change> preliminary(Dispute d, String value) {
    d.preliminaryOutcome = value;
    if ("WON".equals(value)) {
      d.preliminaryDetailed = "klarna_resolved_dispute_in_partner_favor";
      return List.of(close(d, "WON", d.preliminaryDetailed));
    }
    d.preliminaryDetailed = "insufficient_proof_of_delivery";
    d.arbitrationExpiresAt = clock.instant().plus(APPEAL_WINDOW);
    return List.of(move(d, "PRE_ARBITRATION"));
  }

  // -- moves

  private void representment(Dispute d, String to) {
    d.representmentPrevious = d.representmentState;
    d.representmentState = to;
  }

  private Change close(Dispute d, String outcome, String detailed) {
    d.outcome = outcome;
    d.outcomeDetailed = detailed;
    Instant now = clock.instant();
    d.closedAt = now.isBefore(d.updatedAt) ? d.updatedAt : now;
    if ("LOST".equals(outcome) && ledger != null) {
      // the settlement's side of a loss (issue 27): Klarna takes the amount and its fee back
      Transactions.Transaction t = d.transaction;
      ledger.disputeLost(
          t.account, d.currency, t.id, t.reference, d.id, d.amount, t.createdAt, d.closedAt);
    }
    return move(d, "CLOSED");
  }

  private Change move(Dispute d, String to) {
    d.previousState = d.state;
    d.state = to;
    Instant now = clock.instant();
    if (now.isAfter(d.updatedAt)) {
      d.updatedAt = now;
    }
    if ("CLOSED".equals(to) && d.closedAt == null) {
      d.closedAt = d.updatedAt;
    }
    return new Change(
        d,
        "payment.dispute.state-change." + to.toLowerCase(Locale.ROOT).replace('_', '-'),
        event(d));
  }

  private void announce(Change change) {
    if (change != null && notifications != null) {
      notifications.publishDispute(
          change.dispute().transaction.account,
          change.dispute().id,
          change.eventType(),
          change.payload());
    }
  }

  // -- the list

  /** {@code GET /v4/payment/disputes}: the filters, {@code sort_by} and the cursor (§11.1). */
  JsonObject list(Map<String, List<String>> query) {
    List<KlarnaError.Invalid> invalid = new ArrayList<>();
    List<String> orderIds = many(query, "order_ids", 100, null, invalid);
    List<String> transactionIds = many(query, "payment_transaction_ids", 100, null, invalid);
    List<String> states = many(query, "state", 100, STATES, invalid);
    List<String> reasons = many(query, "reason", 10, REASONS, invalid);
    List<String> references = many(query, "purchase_references", 10, null, invalid);
    List<String> sorts = many(query, "sort_by", 10, SORTS, invalid);
    Instant createdStart = time(query, "created_at_start", invalid);
    Instant createdEnd = time(query, "created_at_end", invalid);
    Instant closedStart = time(query, "closed_at_start", invalid);
    Instant closedEnd = time(query, "closed_at_end", invalid);
    Instant updatedStart = time(query, "updated_at_start", invalid);
    Instant updatedEnd = time(query, "updated_at_end", invalid);
    int size = 20;
    String sizeText = first(query, "size");
    if (sizeText != null) {
      try {
        size = Integer.parseInt(sizeText);
        if (size < 1 || size > 100) {
          invalid.add(new KlarnaError.Invalid("size", "must be 1 to 100"));
        }
      } catch (NumberFormatException e) {
        invalid.add(new KlarnaError.Invalid("size", "must be an integer"));
      }
    }
    String after = first(query, "starting_after");
    if (!invalid.isEmpty()) {
      throw KlarnaError.validation(invalid);
    }
    byId.values().forEach(this::applyClock);
    Predicate<Dispute> keep =
        d ->
            (orderIds.isEmpty() || orderIds.contains(d.orderId()))
                && (transactionIds.isEmpty() || transactionIds.contains(d.transaction.id))
                && (states.isEmpty() || states.contains(d.state))
                && (reasons.isEmpty() || reasons.contains(d.reason))
                && (references.isEmpty() || references.contains(d.transaction.reference))
                && within(d.createdAt, createdStart, createdEnd)
                && within(d.closedAt, closedStart, closedEnd)
                && within(d.updatedAt, updatedStart, updatedEnd);
    Comparator<Dispute> order = Comparator.comparing((Dispute d) -> d.createdAt).reversed();
    if (!sorts.isEmpty()) {
      order = null;
      for (String s : sorts) {
        Comparator<Dispute> by =
            s.endsWith("closed_at")
                ? Comparator.comparing(
                    (Dispute d) -> d.closedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                : Comparator.comparing((Dispute d) -> d.createdAt);
        if (s.startsWith("-")) {
          by = by.reversed();
        }
        order = order == null ? by : order.thenComparing(by);
      }
    }
    order = order.thenComparing(d -> d.id);
    List<Dispute> all = byId.values().stream().filter(keep).sorted(order).toList();
    int from = 0;
    if (after != null) {
      int at = -1;
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).id.equals(after)) {
          at = i;
        }
      }
      if (at < 0) {
        throw KlarnaError.validation("starting_after", "is not an item of this list");
      }
      from = at + 1;
    }
    List<Dispute> page = all.subList(from, Math.min(all.size(), from + size));
    JsonArrayBuilder items = Json.createArrayBuilder();
    page.forEach(d -> items.add(toJson(d)));
    boolean more = from + page.size() < all.size();
    var pagination = Json.createObjectBuilder().add("count", page.size()).add("total", all.size());
    if (page.isEmpty()) {
      pagination.add("first_item", JsonValue.NULL);
    } else {
      pagination.add("first_item", page.get(0).id);
    }
    if (more) {
      pagination
          .add("last_item", page.get(page.size() - 1).id)
          .add(
              "links",
              Json.createObjectBuilder()
                  .add(
                      "next",
                      Json.createObjectBuilder()
                          .add(
                              "href",
                              "/v4/payment/disputes?starting_after="
                                  + page.get(page.size() - 1).id
                                  + "&size="
                                  + size)
                          .add("method", "GET")
                          .add("rel", "next")));
    } else {
      pagination.add("last_item", JsonValue.NULL);
    }
    return Json.createObjectBuilder().add("disputes", items).add("pagination", pagination).build();
  }

  Map<String, Dispute> all() {
    return byId;
  }

  private static boolean within(Instant at, Instant start, Instant end) {
    if (start == null && end == null) {
      return true;
    }
    return at != null
        && (start == null || !at.isBefore(start))
        && (end == null || at.isBefore(end));
  }

  /** A query list, under its name with or without {@code []}, each value also comma-separated. */
  private static List<String> many(
      Map<String, List<String>> query,
      String name,
      int max,
      List<String> allowed,
      List<KlarnaError.Invalid> invalid) {
    List<String> values = new ArrayList<>();
    for (String key : List.of(name, name + "[]")) {
      for (String v : query.getOrDefault(key, List.of())) {
        for (String part : v.split(",")) {
          if (!part.isBlank()) {
            values.add(part.strip());
          }
        }
      }
    }
    if (values.size() > max) {
      invalid.add(new KlarnaError.Invalid(name, "at most " + max + " values"));
    }
    if (allowed != null) {
      for (String v : values) {
        if (!allowed.contains(v)) {
          invalid.add(new KlarnaError.Invalid(name, v + " is not one of " + allowed));
        }
      }
    }
    return values;
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Instant time(
      Map<String, List<String>> query, String name, List<KlarnaError.Invalid> invalid) {
    String v = first(query, name);
    if (v == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      invalid.add(new KlarnaError.Invalid(name, "must be an RFC 3339 date-time"));
      return null;
    }
  }

  // -- request bodies

  private static String text(
      JsonObject body, String field, List<KlarnaError.Invalid> invalid, boolean required) {
    JsonValue v = body.get(field);
    if (v == null || v == JsonValue.NULL) {
      if (required) {
        invalid.add(new KlarnaError.Invalid(field, "is required"));
      }
      return null;
    }
    if (!(v instanceof JsonString s) || s.getString().isBlank()) {
      invalid.add(new KlarnaError.Invalid(field, "must be a non-empty string"));
      return null;
    }
    return s.getString();
  }

  private static String optionalText(
      JsonObject body, String field, int max, List<KlarnaError.Invalid> invalid) {
    JsonValue v = body.get(field);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      invalid.add(new KlarnaError.Invalid(field, "must be a string"));
      return null;
    }
    if (s.getString().length() > max) {
      invalid.add(new KlarnaError.Invalid(field, "must be at most " + max + " characters"));
    }
    return s.getString();
  }

  /** {@code attachments[]}: 1 to 10 of {@code {payment_dispute_attachment_id, description?}}. */
  private static List<JsonObject> references(
      JsonObject body, boolean required, List<KlarnaError.Invalid> invalid) {
    JsonValue v = body.get("attachments");
    if (v == null || v == JsonValue.NULL) {
      if (required) {
        invalid.add(new KlarnaError.Invalid("attachments", "at least one attachment is required"));
      }
      return List.of();
    }
    if (!(v instanceof JsonArray array)) {
      invalid.add(new KlarnaError.Invalid("attachments", "must be an array"));
      return List.of();
    }
    if (array.isEmpty() || array.size() > MAX_ATTACHMENTS_PER_ANSWER) {
      invalid.add(
          new KlarnaError.Invalid(
              "attachments", "must hold 1 to " + MAX_ATTACHMENTS_PER_ANSWER + " attachments"));
    }
    List<JsonObject> refs = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "attachments[" + i + "]";
      if (!(array.get(i) instanceof JsonObject ref)
          || !(ref.get("payment_dispute_attachment_id") instanceof JsonString id)
          || id.getString().isEmpty()
          || id.getString().length() > 255) {
        invalid.add(
            new KlarnaError.Invalid(
                at + ".payment_dispute_attachment_id", "is required (1 to 255 characters)"));
        continue;
      }
      if (ref.containsKey("description")
          && (!(ref.get("description") instanceof JsonString desc)
              || desc.getString().length() > 1000)) {
        invalid.add(
            new KlarnaError.Invalid(at + ".description", "must be at most 1000 characters"));
        continue;
      }
      refs.add(ref);
    }
    return refs;
  }

  /** The uploads an answer names: each must be one of this dispute's (404 otherwise). */
  private static List<Reference> resolve(Dispute d, List<JsonObject> refs) {
    List<Reference> out = new ArrayList<>();
    for (JsonObject ref : refs) {
      String id = ref.getString("payment_dispute_attachment_id");
      Attachment a = d.uploads.get(id);
      if (a == null) {
        throw KlarnaError.notFound("Attachment " + id + " of this dispute");
      }
      out.add(new Reference(a, ref.getString("description", "")));
    }
    return out;
  }

  // -- JSON

  private static String disputeNumber() {
    return String.valueOf(
        1_000_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000_000L);
  }

  private static JsonArrayBuilder referencesJson(List<Reference> refs) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (Reference r : refs) {
      list.add(
          Json.createObjectBuilder()
              .add("payment_dispute_attachment_id", r.attachment().id())
              .add("description", r.description())
              .add("mime_type", r.attachment().mimeType())
              .add("url", downloadUrl(r.attachment())));
    }
    return list;
  }

  private static String downloadUrl(Attachment a) {
    String dispute = a.id().substring(0, a.id().lastIndexOf(":attachment:"));
    return "https://www.klarna.com/payment/disputes/"
        + dispute
        + "/attachments/"
        + a.id()
        + "/download";
  }

  private static JsonObject evidenceJson(Evidence e) {
    var json = Json.createObjectBuilder().add("created_at", PaymentRequest.iso(e.createdAt()));
    json.add("additional_information", e.information() == null ? "" : e.information());
    return json.add("attachments", referencesJson(e.attachments())).build();
  }

  private static JsonObject representmentJson(Dispute d) {
    var json =
        Json.createObjectBuilder()
            .add("state", d.representmentState)
            .add("expires_at", PaymentRequest.iso(d.evidenceExpiresAt))
            .add(
                "request",
                Json.createObjectBuilder()
                    .add("requested_at", PaymentRequest.iso(d.createdAt))
                    .add("additional_information", d.requestInformation));
    PaymentRequest.addIfSet(json, "previous_state", d.representmentPrevious);
    if (d.partnerEvidence != null) {
      json.add("partner_evidence", evidenceJson(d.partnerEvidence));
    }
    return json.build();
  }

  private static JsonObject arbitrationJson(Dispute d) {
    var json =
        Json.createObjectBuilder()
            .add("preliminary_outcome", d.preliminaryOutcome)
            .add("preliminary_outcome_detailed", d.preliminaryDetailed);
    if (d.arbitrationRequest != null) {
      json.add("arbitration_request", arbitrationRequestJson(d));
    }
    return json.build();
  }

  private static JsonObject arbitrationRequestJson(Dispute d) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (Reference r : d.arbitrationRequest.attachments()) {
      list.add(
          Json.createObjectBuilder()
              .add("id", r.attachment().id())
              .add("description", r.description())
              .add("mime_type", r.attachment().mimeType())
              .add("url", downloadUrl(r.attachment())));
    }
    return Json.createObjectBuilder()
        .add("requested_at", PaymentRequest.iso(d.arbitrationRequest.createdAt()))
        .add("additional_information", d.arbitrationRequest.information())
        .add("attachments", list)
        .build();
  }

  /** The fields every event and the object share. */
  private static JsonObjectBuilder common(Dispute d) {
    var json =
        Json.createObjectBuilder()
            .add("payment_dispute_id", d.id)
            .add("order_id", d.orderId())
            .add("payment_transaction_id", d.transaction.id)
            .add("state", d.state)
            .add("updated_at", PaymentRequest.iso(d.updatedAt))
            .add("payment_account_id", d.transaction.account)
            .add("payment_capture_id", d.captureId)
            .add("capture_krn", d.captureId)
            .add(
                "configuration",
                Json.createObjectBuilder()
                    .add("base_framework", "FRAMEWORK_2026")
                    .add("options", Json.createObjectBuilder().add("hold_policy", "NONE")));
    PaymentRequest.addIfSet(json, "previous_state", d.previousState);
    PaymentRequest.addIfSet(json, "payment_transaction_reference", d.transaction.reference);
    PaymentRequest.addIfSet(json, "purchase_reference", d.transaction.reference);
    return json;
  }

  private static JsonObject details(Dispute d) {
    return Json.createObjectBuilder()
        .add("dispute_amount", d.amount)
        .add("currency", d.currency)
        .add("created_by", d.createdBy)
        .build();
  }

  /** The event's payload for the dispute's current state (§11.7). */
  static JsonObject event(Dispute d) {
    var json = common(d);
    switch (d.state) {
      case "INITIATED" ->
          json.add("dispute_reason", d.reason)
              .add("dispute_details", details(d))
              .add("created_at", PaymentRequest.iso(d.createdAt))
              .add("representment", representmentJson(d));
      case "REPRESENTMENT" -> json.add("partner_evidence", evidenceJson(d.partnerEvidence));
      case "PRE_ARBITRATION" ->
          json.add("arbitration_expires_at", PaymentRequest.iso(d.arbitrationExpiresAt))
              .add(
                  "arbitration",
                  Json.createObjectBuilder()
                      .add("preliminary_outcome", d.preliminaryOutcome)
                      .add("preliminary_outcome_detailed", d.preliminaryDetailed));
      case "ARBITRATION" -> json.add("arbitration_request", arbitrationRequestJson(d));
      case "CLOSED" ->
          json.add("dispute_outcome", d.outcome)
              .add("dispute_outcome_detailed", d.outcomeDetailed)
              .add("closed_at", PaymentRequest.iso(d.closedAt));
      default -> throw new IllegalStateException(d.state);
    }
    return json.build();
  }

  /** The dispute as get-details and the list answer it (§11.3). */
  static JsonObject toJson(Dispute d) {
    synchronized (d) {
      var json =
          common(d)
              .add("dispute_reason", d.reason)
              .add("dispute_details", details(d))
              .add("created_at", PaymentRequest.iso(d.createdAt));
      var exceptions = Json.createArrayBuilder();
      d.processExceptions.forEach(exceptions::add);
      json.add("process_exceptions", exceptions);
      if (!"INITIATED".equals(d.state)) {
        json.add("representment", representmentJson(d));
      }
      if (d.preliminaryOutcome != null) {
        json.add("arbitration", arbitrationJson(d));
      }
      var context = Json.createObjectBuilder();
      switch (d.state) {
        case "INITIATED" -> context.add("representment", representmentJson(d));
        case "REPRESENTMENT" -> context.add("partner_evidence", evidenceJson(d.partnerEvidence));
        case "PRE_ARBITRATION" ->
            context.add("arbitration_expires_at", PaymentRequest.iso(d.arbitrationExpiresAt));
        case "CLOSED" ->
            context
                .add("dispute_outcome", d.outcome)
                .add("dispute_outcome_detailed", d.outcomeDetailed)
                .add("closed_at", PaymentRequest.iso(d.closedAt));
        default -> {}
      }
      if (!"ARBITRATION".equals(d.state)) {
        json.add("state_context", context);
      }
      return json.build();
    }
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }
}
