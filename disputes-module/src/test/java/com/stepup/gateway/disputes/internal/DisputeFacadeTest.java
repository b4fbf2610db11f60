package com.stepup.gateway.disputes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.disputes.Answer;
import com.stepup.gateway.disputes.DisputeEventView;
import com.stepup.gateway.disputes.DisputeNotice;
import com.stepup.gateway.disputes.DisputeState;
import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.disputes.NewAttachment;
import com.stepup.gateway.klarna.KlarnaDispute;
import com.stepup.gateway.klarna.KlarnaDisputes;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.PaymentDisputes;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.platform.errors.KlarnaUnavailable;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answering a dispute through the use cases, with Klarna and the database in memory. */
class DisputeFacadeTest {

  /** Klarna's disputes API: uploads, and represent calls that may go unanswered. */
  static final class FakeKlarna implements KlarnaDisputes {
    final List<String> uploads = new ArrayList<>();
    final List<String> representKeys = new ArrayList<>();
    boolean silent;

    @Override
    public KlarnaDispute get(String disputeId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Page list(Instant updatedSince, String after, int size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String upload(String d, String filename, String type, byte[] b, String key) {
      uploads.add(filename);
      return "krn:attachment:" + uploads.size();
    }

    @Override
    public void represent(String d, List<Attachment> a, String i, Long r, String key) {
      representKeys.add(key);
      if (silent) {
        throw KlarnaException.unreachable(new java.net.SocketTimeoutException());
      }
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

  /** The disputes module's tables. */
  static final class MemoryRepository extends DisputeRepository {
    final Map<String, Dispute> disputes = new LinkedHashMap<>();
    final List<DisputeAttachment> attachments = new ArrayList<>();
    final List<DisputeEvent> events = new ArrayList<>();

    @Override
    void add(Dispute d) {
      disputes.put(d.id(), d);
    }

    @Override
    void add(DisputeAttachment a) {
      attachments.add(a);
    }

    @Override
    void add(DisputeEvent e) {
      events.add(e);
    }

    @Override
    List<DisputeEvent> events(String disputeId) {
      return events; // one dispute per test
    }

    @Override
    Optional<Dispute> find(String merchantId, String id) {
      return Optional.ofNullable(disputes.get(id))
          .filter(d -> merchantId == null || merchantId.equals(d.merchantId()));
    }

    @Override
    Optional<Dispute> lock(String merchantId, String id) {
      return find(merchantId, id);
    }

    @Override
    Optional<Dispute> byKlarnaId(String klarnaDisputeId, boolean lock) {
      return disputes.values().stream()
          .filter(d -> d.klarnaDisputeId().equals(klarnaDisputeId))
          .findFirst();
    }

    @Override
    List<DisputeAttachment> attachments(String disputeId) {
      return attachments.stream().filter(a -> a.disputeId().equals(disputeId)).toList();
    }
  }

  /** The partner notifications written (the outbox's observer). */
  static final class Notices implements Event<DisputeNotice> {
    final List<String> types = new ArrayList<>();

    @Override
    public void fire(DisputeNotice n) {
      types.add(n.eventType());
    }

    @Override
    public <U extends DisputeNotice> CompletionStage<U> fireAsync(U event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends DisputeNotice> CompletionStage<U> fireAsync(
        U event, NotificationOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Event<DisputeNotice> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends DisputeNotice> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends DisputeNotice> Event<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }

  static final byte[] PDF = "%PDF-1.4 proof".getBytes();

  FakeKlarna klarna;
  MemoryRepository repository;
  Notices notices;
  DisputeChanges changes;
  DisputeFacade facade;
  String id;

  @BeforeEach
  void wire() {
    klarna = new FakeKlarna();
    repository = new MemoryRepository();
    notices = new Notices();
    Clock clock = Clock.fixed(DisputeTest.NOW, ZoneOffset.UTC);
    changes = new DisputeChanges();
    changes.repository = repository;
    changes.notices = notices;
    changes.clock = clock;
    changes.payments =
        new PaymentDisputes() {
          @Override
          public Optional<Disputed> byTransaction(String transaction, String capture) {
            return Optional.of(DisputeTest.PAYMENT);
          }

          @Override
          public void disputeMoved(
              String paymentId, String disputeId, long disputed, long lost, Instant at) {}

          @Override
          public List<CaptureShipping> captureShipping(String paymentId) {
            return List.of();
          }

          @Override
          public List<NewPayment.LineItem> lineItems(String paymentId) {
            return List.of();
          }
        };
    facade = new DisputeFacade();
    facade.repository = repository;
    facade.changes = changes;
    facade.klarna = klarna;
    facade.clock = clock;
    facade.evidencePack =
        new EvidencePack() {
          @Override
          byte[] build(DisputeView dispute) {
            return PDF;
          }
        };
    id = changes.learned(DisputeTest.klarna("INITIATED", 0), DisputeTest.PAYMENT, "webhook").id();
  }

  String upload(String name) {
    return facade.upload("mer_1", id, new NewAttachment(name, "application/pdf", PDF, null)).id();
  }

  @Test
  void aRetryWithTheSameKeyAfterKlarnasWebhookAnswersTheFirstAnswerAndSendsNothing() {
    String file = upload("proof.pdf");
    Answer answer = new Answer(List.of(file), "Handed over at the till", null);
    klarna.silent = true;
    assertThatThrownBy(() -> facade.represent("mer_1", id, answer, null, "key-1"))
        .as("Klarna never answered: 503")
        .isInstanceOf(KlarnaUnavailable.class);
    assertThat(klarna.representKeys).containsExactly(id + ":represent");

    // Klarna took it: its webhook comes before the partner's retry
    changes.learned(DisputeTest.klarna("REPRESENTMENT", 5), DisputeTest.PAYMENT, "webhook");
    DisputeView shown = facade.get("mer_1", id);
    assertThat(shown.evidenceSentAt()).as("the dispute shows what was sent").isNotNull();
    assertThat(shown.evidenceInformation()).isEqualTo("Handed over at the till");
    assertThat(facade.attachments("mer_1", id))
        .singleElement()
        .satisfies(a -> assertThat(a.usedIn()).isEqualTo("evidence"));
    assertThat(facade.timeline("mer_1", id))
        .extracting(DisputeEventView::kind, DisputeEventView::by)
        .contains(org.assertj.core.groups.Tuple.tuple("evidence_sent", "the partner"));

    DisputeView retried = facade.represent("mer_1", id, answer, null, "key-1");
    assertThat(retried.state()).isEqualTo(DisputeState.REPRESENTMENT);
    assertThat(DisputeJson.dispute(retried)).isEqualTo(DisputeJson.dispute(shown));
    assertThat(klarna.representKeys).as("nothing sent again").hasSize(1);
    assertThat(notices.types).containsExactly("dispute.opened", "dispute.updated");
    assertThatThrownBy(() -> facade.represent("mer_1", id, answer, null, "key-2"))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void aRetryWithTheSameKeyBeforeAnyWebhookSendsTheSameAnswerWithTheSameKlarnaKey() {
    String file = upload("proof.pdf");
    Answer answer = new Answer(List.of(file), null, null);
    klarna.silent = true;
    assertThatThrownBy(() -> facade.represent("mer_1", id, answer, null, "key-1"))
        .isInstanceOf(KlarnaUnavailable.class);
    assertThatThrownBy(
            () -> facade.represent("mer_1", id, new Answer(List.of(file), "x", null), null, "k2"))
        .as("another answer while one is in flight")
        .isInstanceOf(Conflict.class);
    klarna.silent = false;
    DisputeView sent = facade.represent("mer_1", id, answer, null, "key-1");
    assertThat(sent.state()).isEqualTo(DisputeState.REPRESENTMENT);
    assertThat(klarna.representKeys).containsExactly(id + ":represent", id + ":represent");
    // Klarna's REPRESENTMENT webhook after it: nothing new for the partner
    changes.learned(DisputeTest.klarna("REPRESENTMENT", 5), DisputeTest.PAYMENT, "webhook");
    assertThat(notices.types).containsExactly("dispute.opened", "dispute.updated");
  }

  @Test
  void theEvidencePackWithMoreThanNineFurtherFilesIsRefusedBeforeAnythingIsUploaded() {
    List<String> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(upload("file-" + i + ".pdf"));
    }
    int before = klarna.uploads.size();
    assertThatThrownBy(
            () ->
                facade.answerWithEvidencePack(
                    "mer_1", id, new Answer(ten, null, null), "ada", null))
        .isInstanceOf(InvalidInput.class);
    assertThat(klarna.uploads).as("the pack was not uploaded").hasSize(before);
    assertThat(klarna.representKeys).isEmpty();

    DisputeView answered =
        facade.answerWithEvidencePack(
            "mer_1", id, new Answer(ten.subList(0, 9), null, null), "ada", null);
    assertThat(answered.state()).isEqualTo(DisputeState.REPRESENTMENT);
    assertThat(klarna.uploads).hasSize(before + 1);
  }
}
