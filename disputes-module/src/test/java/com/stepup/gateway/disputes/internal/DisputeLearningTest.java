package com.stepup.gateway.disputes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.klarna.KlarnaDispute;
import com.stepup.gateway.klarna.KlarnaDisputes;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.PaymentDisputes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daily pass over Klarna's list: every page, each dispute on its own. */
class DisputeLearningTest {

  /** Klarna's list in pages, and get-details. */
  static final class FakeKlarna implements KlarnaDisputes {
    final Map<String, Page> pages = new java.util.HashMap<>();
    final List<String> reads = new ArrayList<>();

    @Override
    public KlarnaDispute get(String disputeId) {
      reads.add(disputeId);
      return dispute(disputeId, 4000L);
    }

    @Override
    public Page list(Instant updatedSince, String after, int size) {
      return pages.getOrDefault(after == null ? "" : after, new Page(List.of(), null));
    }

    @Override
    public String upload(String d, String f, String c, byte[] b, String k) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void represent(String d, List<Attachment> a, String i, Long r, String k) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void appeal(String d, String i, List<Attachment> a, String k) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void acceptLoss(String d, String k) {
      throw new UnsupportedOperationException();
    }
  }

  static KlarnaDispute dispute(String id, Long amount) {
    KlarnaDispute d = DisputeTest.klarna("INITIATED", 0);
    return new KlarnaDispute(
        id,
        d.transactionId(),
        d.captureId(),
        d.reason(),
        d.state(),
        amount,
        d.currency(),
        d.representmentState(),
        d.requestInformation(),
        d.evidenceDueAt(),
        d.appealDueAt(),
        d.preliminaryOutcome(),
        d.outcome(),
        d.outcomeDetailed(),
        d.createdAt(),
        d.updatedAt());
  }

  FakeKlarna klarna;
  DisputeLearning learning;
  final List<KlarnaDispute> learned = new ArrayList<>();

  @BeforeEach
  void wire() {
    klarna = new FakeKlarna();
    learning = new DisputeLearning();
    learning.klarna = klarna;
    learning.payments =
        new PaymentDisputes() {
          @Override
          public Optional<Disputed> byTransaction(String transaction, String capture) {
            return Optional.of(DisputeTest.PAYMENT);
          }

          @Override
          public void disputeMoved(
              String paymentId, String disputeId, long disputed, long lost, java.time.Instant at) {}

          @Override
          public List<CaptureShipping> captureShipping(String paymentId) {
            return List.of();
          }

          @Override
          public List<NewPayment.LineItem> lineItems(String paymentId) {
            return List.of();
          }
        };
    learning.changes =
        new DisputeChanges() {
          @Override
          DisputeView learned(
              KlarnaDispute dispute, PaymentDisputes.Disputed payment, String source) {
            if (dispute.id().equals("krn:broken")) {
              throw new IllegalStateException("a row lock timed out");
            }
            if (dispute.amount() == null) {
              throw new NullPointerException("a new dispute's amount");
            }
            learned.add(dispute);
            return DisputeTest.opened().view();
          }
        };
  }

  @Test
  void everyPageIsReadAndOneDisputeThatFailsDoesNotStopTheOthers() {
    klarna.pages.put(
        "",
        new KlarnaDisputes.Page(
            List.of(dispute("krn:1", 100L), dispute("krn:broken", 100L)), "krn:broken"));
    klarna.pages.put(
        "krn:broken", new KlarnaDisputes.Page(List.of(dispute("krn:3", 300L)), "krn:3"));
    assertThat(learning.reconcile(Instant.EPOCH))
        .as("three read, one failed: the next pass starts no later than this one")
        .isEqualTo(new DisputeLearning.Pass(3, 1));
    assertThat(learned).extracting(KlarnaDispute::id).containsExactly("krn:1", "krn:3");
  }

  @Test
  void aListItemWithoutItsAmountIsReadWhole() {
    klarna.pages.put("", new KlarnaDisputes.Page(List.of(dispute("krn:lean", null)), null));
    learning.reconcile(Instant.EPOCH);
    assertThat(klarna.reads).containsExactly("krn:lean");
    assertThat(learned).singleElement().satisfies(d -> assertThat(d.amount()).isEqualTo(4000L));
  }
}
