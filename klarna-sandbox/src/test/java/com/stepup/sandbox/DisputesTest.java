package com.stepup.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Klarna's v4 dispute rules as the sandbox keeps them (KLARNA-API.md §11, §13). */
class DisputesTest {

  static final String ACCOUNT = "krn:partner:global:account:test:1";
  static final byte[] PDF = "%PDF-1.4 evidence".getBytes();
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2};

  final List<String> events = new ArrayList<>();
  Transactions transactions;
  Disputes disputes;
  KlarnaDecisions decisions;
  DisputeAttachments attachments;
  SandboxClock clock;

  @BeforeEach
  void wire() {
    clock = new SandboxClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    SigningKeys keys = new SigningKeys(clock);
    Webhooks webhooks =
        new Webhooks(clock, keys, new WebhookDeliveries(clock, new Faults(), keys)) {
          @Override
          void publishTransaction(
              String account, String id, TransactionState state, JsonObject payload) {}

          @Override
          void publishDispute(String account, String id, String type, JsonObject payload) {
            events.add(type + " " + payload.getString("state"));
          }
        };
    Ledger ledger = new Ledger(clock);
    transactions = new Transactions(clock, webhooks, ledger);
    disputes = new Disputes(clock, transactions, webhooks, ledger);
    decisions = new KlarnaDecisions(clock, transactions, disputes);
    attachments = new DisputeAttachments(clock, disputes);
  }

  String captured(long amount) {
    return transactions
        .create(ACCOUNT, "pay_1", amount, "EUR", true)
        .getString("payment_transaction_id");
  }

  String open(String transactionId, String reason) {
    return decisions
        .open(
            Json.createObjectBuilder()
                .add("payment_transaction_id", transactionId)
                .add("reason", reason)
                .build())
        .getString("payment_dispute_id");
  }

  String upload(String id, String name, byte[] content) {
    return attachments.upload(id, null, name, content).getString("payment_dispute_attachment_id");
  }

  JsonObject evidence(String... attachmentIds) {
    var list = Json.createArrayBuilder();
    for (String a : attachmentIds) {
      list.add(Json.createObjectBuilder().add("payment_dispute_attachment_id", a));
    }
    return Json.createObjectBuilder()
        .add("attachments", list)
        .add("additional_information", "Delivered, signed for")
        .build();
  }

  JsonObject read(String id) {
    return DisputeJson.toJson(disputes.get(id));
  }

  static int status(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (KlarnaError e) {
      return e.status();
    }
  }

  void advance(Duration by) {
    clock.advance(by);
    disputes.sweep();
  }

  @Test
  void opensOnlyOnACapturedTransactionWithinTheCapturedAmount() {
    String authorizedOnly =
        transactions.create(ACCOUNT, "p", 5000, "EUR", false).getString("payment_transaction_id");
    assertThat(status(() -> open(authorizedOnly, "INCORRECT_AMOUNT"))).isEqualTo(409);
    String t = captured(5000);
    assertThat(status(() -> open(t, "NOT_A_REASON"))).isEqualTo(400);
    assertThat(
            status(
                () ->
                    decisions.open(
                        Json.createObjectBuilder()
                            .add("payment_transaction_id", t)
                            .add("reason", "INCORRECT_AMOUNT")
                            .add("amount", 5001)
                            .build())))
        .isEqualTo(400);
    JsonObject d = read(open(t, "INCORRECT_AMOUNT"));
    assertThat(d.getString("state")).isEqualTo("INITIATED");
    assertThat(d.getJsonObject("dispute_details").getInt("dispute_amount")).isEqualTo(5000);
    assertThat(d.getString("order_id")).isEqualTo(t.substring(t.lastIndexOf(':') + 1));
    assertThat(d.getJsonObject("state_context").getJsonObject("representment").getString("state"))
        .isEqualTo("EVIDENCE_REQUESTED");
    assertThat(events).containsExactly("payment.dispute.state-change.initiated INITIATED");
    assertThat(status(() -> open(t, "INCORRECT_AMOUNT")))
        .as("one open dispute per capture")
        .isEqualTo(409);
  }

  @Test
  void deadlinesFollowTheReason() {
    Map<String, Duration> windows =
        Map.of(
            "PURCHASE_UNAUTHORIZED", Duration.ofDays(7),
            "PURCHASE_HIGH_RISK", Duration.ofHours(96),
            "REFUND_NOT_PROCESSED", Duration.ofDays(21));
    windows.forEach(
        (reason, window) -> {
          JsonObject d = read(open(captured(1000), reason));
          assertThat(
                  Instant.parse(
                      d.getJsonObject("state_context")
                          .getJsonObject("representment")
                          .getString("expires_at")))
              .isEqualTo(clock.instant().plus(window));
        });
  }

  @Test
  void anUnansweredDisputeIsLostAtItsDeadline() {
    String id = open(captured(1000), "PURCHASE_UNAUTHORIZED");
    advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(read(id).getString("state")).isEqualTo("INITIATED");
    advance(Duration.ofSeconds(1));
    JsonObject d = read(id);
    assertThat(d.getString("state")).isEqualTo("CLOSED");
    assertThat(d.getJsonObject("state_context").getString("dispute_outcome")).isEqualTo("LOST");
    assertThat(d.getJsonObject("state_context").getString("dispute_outcome_detailed"))
        .isEqualTo("partner_did_not_reply_to_dispute_request");
    assertThat(d.getJsonObject("representment").getString("state"))
        .isEqualTo("EVIDENCE_REQUEST_EXPIRED");
    assertThat(events).endsWith("payment.dispute.state-change.closed CLOSED");
    assertThat(status(() -> upload(id, "a.pdf", PDF))).isEqualTo(409);
  }

  @Test
  void anExtendedDeadlineMovesAndIsAnnounced() {
    String id = open(captured(1000), "PURCHASE_HIGH_RISK");
    decisions.extend(id, Json.createObjectBuilder().add("seconds", 3600).build());
    assertThat(events)
        .endsWith("payment.dispute.updated.representment-deadline-extended INITIATED");
    advance(Duration.ofHours(96));
    assertThat(read(id).getString("state")).isEqualTo("INITIATED");
    advance(Duration.ofHours(1));
    assertThat(read(id).getString("state")).isEqualTo("CLOSED");
    assertThat(
            status(
                () -> decisions.extend(id, Json.createObjectBuilder().add("seconds", 1).build())))
        .isEqualTo(409);
  }

  @Test
  void uploadsAreCheckedAsKlarnaChecksThem() {
    String id = open(captured(1000), "INCORRECT_AMOUNT");
    assertThat(status(() -> upload(id, "empty.pdf", new byte[0]))).isEqualTo(400);
    assertThat(status(() -> upload(id, "notes.txt", "hello".getBytes()))).isEqualTo(400);
    assertThat(status(() -> upload(id, "fake.pdf", PNG))).as("content not a PDF").isEqualTo(400);
    byte[] big = new byte[(int) DisputeFiles.MAX_FILE_BYTES + 1];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    assertThat(status(() -> upload(id, "big.pdf", big))).isEqualTo(400);
    assertThat(status(() -> attachments.upload(id, "receipt.png", "r.pdf", PDF)))
        .as("filename's extension differs")
        .isEqualTo(400);
    assertThat(upload(id, "receipt.png", PNG)).startsWith(id + ":attachment:");
    assertThat(upload(id, "Proof.PDF", PDF)).isNotBlank();
  }

  @Test
  void representOnlyOnceWithAttachmentsOfTheDispute() {
    String id = open(captured(1000), "PRODUCTS_OR_SERVICES_NOT_RECEIVED");
    String other = open(captured(1000), "PRODUCTS_OR_SERVICES_NOT_RECEIVED");
    String theirs = upload(other, "a.pdf", PDF);
    assertThat(status(() -> disputes.represent(id, evidence()))).isEqualTo(400);
    assertThat(status(() -> disputes.represent(id, evidence(theirs)))).isEqualTo(404);
    String mine = upload(id, "a.pdf", PDF);
    JsonObject tooHigh =
        Json.createObjectBuilder(evidence(mine))
            .add("partner_proposed_refund_amount", 1000)
            .build();
    assertThat(status(() -> disputes.represent(id, tooHigh))).isEqualTo(400);
    JsonObject answer = disputes.represent(id, evidence(mine));
    assertThat(answer.getString("state")).isEqualTo("REPRESENTMENT");
    assertThat(answer.getJsonArray("attachments")).hasSize(1);
    assertThat(status(() -> disputes.represent(id, evidence(mine)))).isEqualTo(409);
    assertThat(status(() -> upload(id, "b.pdf", PDF))).isEqualTo(409);
    assertThat(status(() -> disputes.acceptLoss(id))).isEqualTo(409);
    assertThat(
            status(
                () ->
                    disputes.appeal(
                        id, Json.createObjectBuilder().add("additional_information", "x").build())))
        .isEqualTo(409);
    assertThat(read(id).getString("previous_state")).isEqualTo("INITIATED");
  }

  @Test
  void acceptLossInInitiatedClosesItLost() {
    String id = open(captured(1000), "INCORRECT_AMOUNT");
    assertThat(disputes.acceptLoss(id).getString("state")).isEqualTo("CLOSED");
    JsonObject d = read(id);
    assertThat(d.getJsonObject("state_context").getString("dispute_outcome")).isEqualTo("LOST");
    assertThat(d.getJsonObject("representment").getString("state")).isEqualTo("EVIDENCE_WAIVED");
    assertThat(status(() -> disputes.acceptLoss(id))).isEqualTo(409);
  }

  @Test
  void preliminaryLossOpensTheAppealWindowAndAnAppealGoesToArbitration() {
    String id = open(captured(1000), "INCORRECT_AMOUNT");
    disputes.represent(id, evidence(upload(id, "a.pdf", PDF)));
    assertThat(
            status(
                () ->
                    decisions.decide(id, Json.createObjectBuilder().add("outcome", "WON").build())))
        .as("a final outcome waits for arbitration")
        .isEqualTo(409);
    decisions.decide(id, Json.createObjectBuilder().add("preliminary_outcome", "LOST").build());
    JsonObject pre = read(id);
    assertThat(pre.getString("state")).isEqualTo("PRE_ARBITRATION");
    assertThat(pre.getJsonObject("arbitration").getString("preliminary_outcome")).isEqualTo("LOST");
    assertThat(status(() -> disputes.appeal(id, Json.createObjectBuilder().build())))
        .isEqualTo(400);
    String more = upload(id, "b.png", PNG);
    JsonObject appeal =
        disputes.appeal(
            id,
            Json.createObjectBuilder()
                .add("additional_information", "The tracking shows delivery")
                .add(
                    "attachments",
                    Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("payment_dispute_attachment_id", more)))
                .build());
    assertThat(appeal.getString("state")).isEqualTo("ARBITRATION");
    decisions.decide(id, Json.createObjectBuilder().add("outcome", "WON").build());
    assertThat(read(id).getJsonObject("state_context").getString("dispute_outcome"))
        .isEqualTo("WON");
    assertThat(events)
        .containsExactly(
            "payment.dispute.state-change.initiated INITIATED",
            "payment.dispute.state-change.representment REPRESENTMENT",
            "payment.dispute.state-change.pre-arbitration PRE_ARBITRATION",
            "payment.dispute.state-change.arbitration ARBITRATION",
            "payment.dispute.state-change.closed CLOSED");
  }

  @Test
  void theAppealWindowPassingMakesThePreliminaryOutcomeFinal() {
    String id = open(captured(1000), "INCORRECT_AMOUNT");
    disputes.represent(id, evidence(upload(id, "a.pdf", PDF)));
    decisions.decide(id, Json.createObjectBuilder().add("preliminary_outcome", "LOST").build());
    advance(Duration.ofDays(10));
    JsonObject d = read(id);
    assertThat(d.getString("state")).isEqualTo("CLOSED");
    assertThat(d.getJsonObject("state_context").getString("dispute_outcome")).isEqualTo("LOST");
  }

  @Test
  void aPreliminaryWinClosesIt() {
    String id = open(captured(1000), "INCORRECT_AMOUNT");
    assertThat(
            status(
                () ->
                    decisions.decide(
                        id, Json.createObjectBuilder().add("preliminary_outcome", "WON").build())))
        .isEqualTo(409);
    disputes.represent(id, evidence(upload(id, "a.pdf", PDF)));
    decisions.decide(id, Json.createObjectBuilder().add("preliminary_outcome", "WON").build());
    assertThat(read(id).getJsonObject("state_context").getString("dispute_outcome"))
        .isEqualTo("WON");
  }

  @Test
  void aFlaggedShopperDisputesEachCaptureAndKlarnaFollowsTheScript() {
    assertThat(DisputeFlags.flagOf("ada+dispute_win_on_evidence@example.com"))
        .isEqualTo("dispute_win_on_evidence");
    assertThat(DisputeFlags.flagOf("ada+dispute_pre_arb_accept_loss@example.com"))
        .isEqualTo("dispute_pre_arb_accept_loss");
    assertThat(DisputeFlags.flagOf("ada@example.com")).isNull();
    String t =
        transactions
            .create(ACCOUNT, "p", 3000, "EUR", false, "ada+dispute_win_on_evidence@example.com")
            .getString("payment_transaction_id");
    transactions.capture(ACCOUNT, t, Json.createObjectBuilder().add("amount", 3000).build());
    assertThat(disputes.all()).isEmpty();
    advance(Disputes.SCRIPT_DELAY);
    assertThat(disputes.all()).hasSize(1);
    String id = disputes.all().keySet().iterator().next();
    disputes.represent(id, evidence(upload(id, "a.pdf", PDF)));
    advance(Disputes.SCRIPT_DELAY);
    assertThat(read(id).getJsonObject("state_context").getString("dispute_outcome"))
        .isEqualTo("WON");
  }

  @Test
  void theListFiltersAndPagesWithACursor() {
    String t1 = captured(1000);
    String a = open(t1, "INCORRECT_AMOUNT");
    clock.advance(Duration.ofSeconds(1));
    String b = open(captured(1000), "PURCHASE_UNAUTHORIZED");
    clock.advance(Duration.ofSeconds(1));
    String c = open(captured(1000), "INCORRECT_AMOUNT");
    JsonObject first = disputes.list(Map.of("size", List.of("2")));
    assertThat(first.getJsonArray("disputes").getJsonObject(0).getString("payment_dispute_id"))
        .isEqualTo(c);
    assertThat(first.getJsonObject("pagination").getString("last_item")).isEqualTo(b);
    JsonObject second = disputes.list(Map.of("size", List.of("2"), "starting_after", List.of(b)));
    assertThat(second.getJsonArray("disputes")).hasSize(1);
    assertThat(second.getJsonObject("pagination").isNull("last_item")).isTrue();
    assertThat(
            disputes.list(Map.of("reason[]", List.of("INCORRECT_AMOUNT"))).getJsonArray("disputes"))
        .hasSize(2);
    assertThat(
            disputes
                .list(Map.of("payment_transaction_ids[]", List.of(t1)))
                .getJsonArray("disputes")
                .getJsonObject(0)
                .getString("payment_dispute_id"))
        .isEqualTo(a);
    assertThatThrownBy(() -> disputes.list(Map.of("state[]", List.of("OPEN"))))
        .isInstanceOf(KlarnaError.class);
    assertThatThrownBy(() -> disputes.list(Map.of("sort_by[]", List.of("amount"))))
        .isInstanceOf(KlarnaError.class);
  }

  @Test
  void multipartBodiesAreReadByteForByte() {
    String body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\n%PDF-1\r\n--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"filename\"\r\n\r\nreceipt\r\n--XyZ--\r\n";
    var parts =
        Multipart.parse(body.getBytes(), Multipart.boundary("multipart/form-data; boundary=XyZ"));
    assertThat(parts.get("file").filename()).isEqualTo("a.pdf");
    assertThat(new String(parts.get("file").content())).isEqualTo("%PDF-1");
    assertThat(parts.get("filename").text()).isEqualTo("receipt");
  }
}
