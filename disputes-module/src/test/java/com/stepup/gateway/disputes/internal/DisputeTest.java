package com.stepup.gateway.disputes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.disputes.Answer;
import com.stepup.gateway.disputes.DisputeState;
import com.stepup.gateway.klarna.KlarnaDispute;
import com.stepup.gateway.payments.PaymentDisputes;
import com.stepup.gateway.platform.errors.Conflict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispute's rules: Klarna's order decides, nothing regresses, the money follows the state. */
class DisputeTest {

  static final Instant NOW = Instant.parse("2026-12-10T10:00:00Z");
  static final PaymentDisputes.Disputed PAYMENT =
      new PaymentDisputes.Disputed("pay_1", "mer_1", "EUR", "cap_1");

  /** Klarna's view of the dispute in {@code state}, {@code minutes} after it opened. */
  static KlarnaDispute klarna(String state, int minutes) {
    return klarna(state, minutes, null, NOW.plus(Duration.ofDays(21)));
  }

  static KlarnaDispute klarna(String state, int minutes, String outcome, Instant evidenceDue) {
    return new KlarnaDispute(
        "krn:dispute:1",
        "krn:transaction:1",
        "krn:capture:1",
        "PRODUCTS_OR_SERVICES_NOT_RECEIVED",
        state,
        4000L,
        "EUR",
        "EVIDENCE_REQUESTED",
        "Send proof of delivery",
        evidenceDue,
        "PRE_ARBITRATION".equals(state) ? NOW.plus(Duration.ofDays(10)) : null,
        null,
        outcome,
        outcome == null ? null : "partner_did_not_reply_to_dispute_request",
        NOW,
        NOW.plus(Duration.ofMinutes(minutes)));
  }

  static Dispute opened() {
    Dispute d = Dispute.open("dsp_1", klarna("INITIATED", 0), PAYMENT, NOW);
    d.learn(klarna("INITIATED", 0), true, NOW);
    return d;
  }

  static final Answer PROOF = new Answer(List.of("att_1", "att_2"), "proof", null);

  /** The partner's evidence, bound and answered by Klarna. */
  static void sendEvidence(Dispute d) {
    assertThat(d.evidenceStep("key-1", PROOF, NOW)).isEqualTo(Dispute.EvidenceStep.NEW);
    d.bindEvidence("key-1", PROOF, "the partner", NOW);
    d.evidenceSent(NOW);
  }

  @Test
  void evidenceWhoseAnswerWasLostIsFinishedByKlarnasWebhookAndTheSameKeyGetsItsOutcome() {
    Dispute d = opened();
    assertThat(d.evidenceStep("key-1", PROOF, NOW)).isEqualTo(Dispute.EvidenceStep.NEW);
    assertThat(d.bindEvidence("key-1", PROOF, "the partner", NOW))
        .as("the Klarna key is bound with the partner's")
        .isEqualTo("dsp_1:represent");
    // Klarna never answered: the partner got 503; the answer stays bound, in flight
    assertThat(d.evidenceInFlight()).isTrue();
    assertThat(d.evidenceStep("key-1", PROOF, NOW))
        .as("the same key sends the same answer again, with the same Klarna key")
        .isEqualTo(Dispute.EvidenceStep.RESUME);
    assertThat(d.evidenceKlarnaKey()).isEqualTo("dsp_1:represent");
    assertThatThrownBy(() -> d.evidenceStep("key-2", PROOF, NOW))
        .as("another answer while one is in flight")
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("Idempotency-Key");

    Instant later = NOW.plus(Duration.ofMinutes(5));
    Dispute.Learned learned = d.learn(klarna("REPRESENTMENT", 5), false, later);
    assertThat(learned.events()).containsExactly("dispute.updated");
    assertThat(learned.evidenceTaken()).isTrue();
    assertThat(d.view().evidenceSentAt()).as("when it was sent").isEqualTo(NOW);
    assertThat(d.view().evidenceInformation()).isEqualTo("proof");
    assertThat(d.evidenceAnswer()).isEqualTo(PROOF);
    assertThat(d.evidenceAskedBy()).isEqualTo("the partner");

    assertThat(d.evidenceStep("key-1", PROOF, later))
        .as("the retry after the webhook answers the first answer's outcome, sending nothing")
        .isEqualTo(Dispute.EvidenceStep.TAKEN);
    assertThat(d.evidenceSent(later).changed())
        .as("a late record of Klarna's answer tells nothing twice")
        .isFalse();
    assertThatThrownBy(() -> d.evidenceStep("key-2", PROOF, later)).isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> d.evidenceStep(null, PROOF, later)).isInstanceOf(Conflict.class);
  }

  @Test
  void withoutAKeyOnlyTheSameAnswerResumesTheOneInFlight() {
    Dispute d = opened();
    d.bindEvidence(null, PROOF, "ada in the console", NOW);
    assertThat(d.evidenceStep(null, PROOF, NOW)).isEqualTo(Dispute.EvidenceStep.RESUME);
    assertThat(d.evidenceStep(null, null, NOW))
        .as("the console's evidence pack: whatever was sent")
        .isEqualTo(Dispute.EvidenceStep.RESUME);
    assertThatThrownBy(() -> d.evidenceStep(null, new Answer(List.of("att_3"), "other", null), NOW))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> d.evidenceStep("key-1", PROOF, NOW)).isInstanceOf(Conflict.class);
  }

  @Test
  void evidenceKlarnaRefusedIsUnboundAndTheCorrectedAnswerGetsTheNextKlarnaKey() {
    Dispute d = opened();
    d.bindEvidence("key-1", PROOF, "the partner", NOW);
    d.evidenceRefused(NOW);
    assertThat(d.evidenceInFlight()).isFalse();
    assertThat(d.view().takesEvidence()).isTrue();
    assertThat(d.evidenceStep("key-1", PROOF, NOW)).isEqualTo(Dispute.EvidenceStep.NEW);
    assertThat(d.bindEvidence("key-1", PROOF, "the partner", NOW))
        .as("Klarna keeps its refusal under the first key")
        .isEqualTo("dsp_1:represent:2");
  }

  @Test
  void anAnswerIsToldOnceThoughKlarnasWebhookConfirmsIt() {
    Dispute d = opened();
    d.bindEvidence("key-1", PROOF, "the partner", NOW);
    assertThat(d.evidenceSent(NOW).events()).containsExactly("dispute.updated");
    assertThat(d.learn(klarna("REPRESENTMENT", 5), false, NOW).events())
        .as("the same state from Klarna, nothing the partner sees changed")
        .isEmpty();
    Dispute extended = opened();
    assertThat(
            extended
                .learn(klarna("INITIATED", 30, null, NOW.plus(Duration.ofDays(28))), false, NOW)
                .events())
        .as("a deadline extended is news")
        .containsExactly("dispute.updated");
  }

  @Test
  void aNewDisputeIsOpenedAndHoldsItsAmount() {
    Dispute d = Dispute.open("dsp_1", klarna("INITIATED", 0), PAYMENT, NOW);
    Dispute.Learned learned = d.learn(klarna("INITIATED", 0), true, NOW);
    assertThat(learned.events()).containsExactly("dispute.opened");
    assertThat(learned.disputedDelta()).isEqualTo(4000);
    assertThat(learned.lostDelta()).isZero();
    assertThat(d.view().dueAt()).isEqualTo(NOW.plus(Duration.ofDays(21)));
    assertThat(d.view().captureId()).isEqualTo("cap_1");
  }

  @Test
  void aRepeatedOrLateEventChangesNothing() {
    Dispute d = opened();
    assertThat(d.learn(klarna("INITIATED", 0), false, NOW).changed()).isFalse();
    assertThat(d.learn(klarna("REPRESENTMENT", 5), false, NOW).events())
        .containsExactly("dispute.updated");
    assertThat(d.learn(klarna("INITIATED", 9), false, NOW).changed())
        .as("a later update of an earlier state")
        .isFalse();
    assertThat(d.state()).isEqualTo(DisputeState.REPRESENTMENT);
  }

  @Test
  void aLossMovesTheDisputedAmountToLostOnce() {
    Dispute d = opened();
    Dispute.Learned closed =
        d.learn(klarna("CLOSED", 10, "LOST", NOW.plus(Duration.ofDays(21))), false, NOW);
    assertThat(closed.events()).containsExactly("dispute.lost");
    assertThat(closed.disputedDelta()).isEqualTo(-4000);
    assertThat(closed.lostDelta()).isEqualTo(4000);
    Dispute.Learned again = d.learn(klarna("CLOSED", 11, "LOST", null), false, NOW);
    assertThat(again.changed()).as("closed is final: nothing to tell, no money moves").isFalse();
    assertThat(again.lostDelta()).isZero();
    assertThat(d.view().outcome()).isEqualTo("LOST");
  }

  @Test
  void aWinReleasesTheDisputedAmount() {
    Dispute d = opened();
    Dispute.Learned won = d.learn(klarna("CLOSED", 10, "WON", null), false, NOW);
    assertThat(won.events()).containsExactly("dispute.won");
    assertThat(won.disputedDelta()).isEqualTo(-4000);
    assertThat(won.lostDelta()).isZero();
  }

  @Test
  void aDisputeFirstSeenClosedIsOpenedAndDecidedAtOnce() {
    Dispute d = Dispute.open("dsp_1", klarna("CLOSED", 10, "LOST", null), PAYMENT, NOW);
    Dispute.Learned learned = d.learn(klarna("CLOSED", 10, "LOST", null), true, NOW);
    assertThat(learned.events()).containsExactly("dispute.opened", "dispute.lost");
    assertThat(learned.disputedDelta()).isZero();
    assertThat(learned.lostDelta()).isEqualTo(4000);
  }

  @Test
  void evidenceOnlyInInitiatedOnceAndBeforeTheDeadline() {
    Dispute d = opened();
    assertThatThrownBy(() -> d.checkEvidence(NOW.plus(Duration.ofDays(21))))
        .isInstanceOf(Conflict.class);
    d.checkEvidence(NOW);
    d.checkAttachments();
    sendEvidence(d);
    assertThat(d.state()).isEqualTo(DisputeState.REPRESENTMENT);
    assertThat(d.view().dueAt()).isNull();
    assertThatThrownBy(() -> d.checkEvidence(NOW)).isInstanceOf(Conflict.class);
    assertThatThrownBy(d::checkAttachments).isInstanceOf(Conflict.class);
    assertThatThrownBy(d::checkAcceptance).isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> d.checkAppeal(NOW)).isInstanceOf(Conflict.class);
  }

  @Test
  void anAppealAfterAPreliminaryLoss() {
    Dispute d = opened();
    sendEvidence(d);
    d.learn(klarna("PRE_ARBITRATION", 20), false, NOW);
    assertThat(d.view().dueAt()).isEqualTo(NOW.plus(Duration.ofDays(10)));
    d.checkAttachments();
    d.checkAcceptance();
    d.checkAppeal(NOW);
    d.appealSent("look again", NOW);
    assertThat(d.state()).isEqualTo(DisputeState.ARBITRATION);
    assertThatThrownBy(() -> d.checkAppeal(NOW)).isInstanceOf(Conflict.class);
    assertThatThrownBy(d::checkAcceptance).isInstanceOf(Conflict.class);
  }

  @Test
  void acceptingTheLossClosesItLost() {
    Dispute d = opened();
    Dispute.Learned accepted = d.lossAccepted(NOW);
    assertThat(accepted.events()).containsExactly("dispute.lost");
    assertThat(accepted.lostDelta()).isEqualTo(4000);
    assertThat(d.lossAccepted(NOW).changed()).as("once").isFalse();
    assertThat(d.learn(klarna("CLOSED", 30, "LOST", null), false, NOW).lostDelta())
        .as("Klarna's close event after it moves no money twice")
        .isZero();
  }

  @Test
  void theDueSoonNoticeComes48HoursBeforeOnceAndAgainForAnExtendedDeadline() {
    Dispute d = opened();
    assertThat(d.dueSoon(NOW)).isFalse();
    Instant twoDaysBefore = NOW.plus(Duration.ofDays(19));
    assertThat(d.dueSoon(twoDaysBefore)).isTrue();
    assertThat(d.dueSoon(twoDaysBefore)).isFalse();
    d.learn(klarna("INITIATED", 30, null, NOW.plus(Duration.ofDays(28))), false, NOW);
    assertThat(d.dueSoon(twoDaysBefore)).as("the deadline moved away").isFalse();
    assertThat(d.dueSoon(NOW.plus(Duration.ofDays(26)))).isTrue();
  }

  @Test
  void statesFollowKlarnasOrder() {
    assertThat(DisputeState.CLOSED.isAfter(DisputeState.ARBITRATION)).isTrue();
    assertThat(DisputeState.INITIATED.isAfter(DisputeState.REPRESENTMENT)).isFalse();
    assertThat(DisputeState.INITIATED.takesEvidence()).isTrue();
    assertThat(DisputeState.PRE_ARBITRATION.takesAppeal()).isTrue();
    assertThat(DisputeState.REPRESENTMENT.takesAcceptance()).isFalse();
    assertThat(DisputeState.ARBITRATION.takesAcceptance()).isFalse();
  }
}
