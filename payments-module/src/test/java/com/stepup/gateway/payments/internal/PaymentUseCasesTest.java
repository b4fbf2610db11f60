package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.FinalAuthorizationToken;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaMoneyMove;
import com.stepup.gateway.klarna.KlarnaPaymentRequest;
import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.CaptureMode;
import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.MoneyStatus;
import com.stepup.gateway.payments.NewCapture;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.NewRefund;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.platform.errors.KlarnaRefused;
import com.stepup.gateway.platform.errors.KlarnaUnavailable;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.platform.errors.Unprocessable;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.StoreDirectory;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.TerminalView;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The use cases against a Klarna fake (scripted answers, every call counted) and in-memory storage:
 * what reaches Klarna, with which key, and what the payment ends as.
 */
class PaymentUseCasesTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final MerchantView MERCHANT =
      new MerchantView(
          "mer_1",
          "Shoes",
          "krn:partner:global:account:test:1",
          MerchantView.Status.ACTIVE,
          null,
          NOW,
          NOW,
          "UTC");

  /** Klarna, as a script: each call takes the next answer of its kind, and is written down. */
  static class FakeKlarna implements KlarnaPayments {
    final Deque<Supplier<AuthorizeResult>> authorizes = new ArrayDeque<>();
    final Deque<Supplier<AuthorizeResult>> finals = new ArrayDeque<>();

    /** What reads of a Payment Request answer, in turn; SUBMITTED when none is left. */
    final Deque<Supplier<KlarnaPaymentRequest>> reads = new ArrayDeque<>();

    final List<String> calls = new ArrayList<>();
    final Map<String, String> requestByKey = new HashMap<>();

    /** The initial authorizes as sent, in order. */
    final List<AuthorizeRequest> sent = new ArrayList<>();

    @Override
    public AuthorizeResult authorize(String account, AuthorizeRequest request, String key) {
      calls.add("authorize " + key);
      sent.add(request);
      if (!authorizes.isEmpty()) {
        return authorizes.poll().get();
      }
      // the same key gets the same Payment Request, as Klarna's idempotency promises
      String id =
          requestByKey.computeIfAbsent(key, k -> "krn:payment:eu1:request:" + requestByKey.size());
      return new AuthorizeResult(
          AuthorizeResult.STEP_UP_REQUIRED,
          null,
          null,
          pr(id, "SUBMITTED", null),
          JsonValue.EMPTY_JSON_OBJECT);
    }

    @Override
    public AuthorizeResult finalAuthorize(
        String account,
        FinalAuthorizationToken token,
        String currency,
        long amount,
        String reference,
        boolean captureNow,
        String key) {
      calls.add("final " + token.header() + " " + key);
      return finals.isEmpty() ? PaymentFixture.approved("krn:tx:1") : finals.poll().get();
    }

    @Override
    public KlarnaPaymentRequest read(String account, String id) {
      calls.add("read");
      return reads.isEmpty() ? pr(id, "SUBMITTED", null) : reads.poll().get();
    }

    @Override
    public KlarnaPaymentRequest cancel(String account, String id) {
      calls.add("cancel");
      return pr(id, "CANCELED", null);
    }

    /** What the next capture, refund or void does instead of succeeding (then succeeds). */
    final Deque<KlarnaException> moneyFaults = new ArrayDeque<>();

    /** Klarna's memory of keys: a repeat gets the first answer and moves nothing. */
    final Map<String, Object> answered = new HashMap<>();

    long captured;
    long refunded;
    String state = KlarnaTransaction.AUTHORIZED;

    /** What Klarna lists in the transaction: every capture and refund it made. */
    final List<KlarnaTransaction.Capture> captureList = new ArrayList<>();

    final List<KlarnaTransaction.Refund> refundList = new ArrayList<>();

    @Override
    public KlarnaTransaction readTransaction(String account, String transactionId) {
      calls.add("read transaction");
      return new KlarnaTransaction(
          transactionId,
          state,
          0,
          captured,
          refunded,
          null,
          null,
          List.copyOf(captureList),
          List.copyOf(refundList));
    }

    @Override
    public KlarnaMoneyMove capture(
        String account,
        String transactionId,
        long amount,
        JsonArray lineItems,
        JsonArray shippingInfo,
        String key) {
      calls.add("capture " + amount + " " + key);
      return (KlarnaMoneyMove)
          once(
              key,
              () -> {
                captured += amount;
                captureList.add(new KlarnaTransaction.Capture("kcap-" + key, amount));
                return new KlarnaMoneyMove(
                    "kcap-" + key, amount, null, JsonValue.EMPTY_JSON_OBJECT);
              });
    }

    @Override
    public KlarnaMoneyMove refund(
        String account,
        String transactionId,
        long amount,
        String captureId,
        String reason,
        JsonArray lineItems,
        String key) {
      calls.add("refund " + amount + " " + key + (captureId == null ? "" : " of " + captureId));
      return (KlarnaMoneyMove)
          once(
              key,
              () -> {
                refunded += amount;
                refundList.add(new KlarnaTransaction.Refund("kref-" + key, amount, captureId));
                return new KlarnaMoneyMove(
                    "kref-" + key, amount, null, JsonValue.EMPTY_JSON_OBJECT);
              });
    }

    @Override
    public KlarnaTransaction voidTransaction(String account, String transactionId, String key) {
      calls.add("void " + transactionId);
      return (KlarnaTransaction)
          once(
              key,
              () -> {
                state = captured > 0 ? KlarnaTransaction.COMPLETED : KlarnaTransaction.CLOSED;
                return new KlarnaTransaction(
                    transactionId, state, 0, captured, refunded, null, null, List.of());
              });
    }

    /**
     * A money call: its key's first answer again, or the next fault (a fault "after commit" moves
     * the money and still fails), or the call done once.
     */
    private Object once(String key, Supplier<Object> call) {
      if (answered.containsKey(key)) {
        return answered.get(key);
      }
      KlarnaException fault = moneyFaults.poll();
      if (fault != null && fault.status() != 599) {
        throw fault;
      }
      Object answer = call.get();
      answered.put(key, answer);
      if (fault != null) {
        throw new KlarnaException(
            500, "TECHNICAL_ERROR", "INTERNAL_ERROR", "after commit", null, List.of());
      }
      return answer;
    }
  }

  /** Klarna's Payment Request {@code id} in {@code state}, with the token when COMPLETED. */
  static KlarnaPaymentRequest pr(String id, String state, String token) {
    return KlarnaRequestFixture.in(state)
        .id(id)
        .reference(null)
        .updatedAt(NOW.plusSeconds(1))
        .token(token)
        .build();
  }

  /** The shopper approved the payment's request. */
  KlarnaPaymentRequest completed(PaymentView p) {
    return pr(
        repository.find(p.id()).orElseThrow().paymentRequestId(),
        "COMPLETED",
        PaymentFixture.TOKEN);
  }

  /** Storage in memory: a change applies the payment's decision and keeps what it recorded. */
  static final class MemoryRepository implements PaymentRepository {
    final Map<String, Payment> payments = new HashMap<>();
    final List<Changes.Entry> timeline = new ArrayList<>();

    @Override
    public Payment insert(Payment p) {
      payments.put(p.id(), p);
      stored(p);
      return p;
    }

    @Override
    public Optional<Payment> find(String id) {
      return Optional.ofNullable(payments.get(id));
    }

    @Override
    public <R> R change(String id, Function<Payment, R> change) {
      Payment p = payments.get(id);
      R result = change.apply(p);
      stored(p);
      return result;
    }

    @Override
    public <R> Optional<R> changeByRequestIfThere(String requestId, Function<Payment, R> change) {
      return payments.values().stream()
          .filter(p -> requestId != null && requestId.equals(p.paymentRequestId()))
          .findFirst()
          .map(p -> change(p.id(), change));
    }

    final Map<String, MoneyOperation> operations = new LinkedHashMap<>();
    final List<Changes.Notice> notices = new ArrayList<>();

    private void stored(Payment p) {
      timeline.addAll(p.changes().drainRecorded());
      p.changes().drainBegun().forEach(op -> operations.put(op.id(), op));
      notices.addAll(p.changes().drainNotices());
    }

    @Override
    public <R> R changeOperation(
        String operationId, BiFunction<Payment, MoneyOperation, R> change) {
      MoneyOperation op = operations.get(operationId);
      Payment p = payments.get(op.paymentId());
      R result = change.apply(p, op);
      stored(p);
      return result;
    }

    @Override
    public Optional<MoneyOperation> operation(String id) {
      return Optional.ofNullable(operations.get(id));
    }

    /** How many times a payment's operations were read. */
    int operationReads;

    @Override
    public List<MoneyOperation> operations(String paymentId) {
      operationReads++;
      return operations.values().stream().filter(o -> o.paymentId().equals(paymentId)).toList();
    }

    @Override
    public List<String> operationsDue(Instant now, int max) {
      return operations.values().stream()
          .filter(MoneyOperation::pending)
          .map(MoneyOperation::id)
          .toList();
    }

    @Override
    public <R> Optional<R> changeIfThere(String id, Function<Payment, R> change) {
      return payments.containsKey(id) ? Optional.ofNullable(change(id, change)) : Optional.empty();
    }
  }

  static final class MemoryQueries extends PaymentQueries {
    final MemoryRepository repository;

    MemoryQueries(MemoryRepository repository) {
      this.repository = repository;
    }

    @Override
    Optional<String> byTransaction(String transactionId) {
      return repository.payments.values().stream()
          .filter(p -> transactionId.equals(p.transactionId()))
          .map(Payment::id)
          .findFirst();
    }

    @Override
    Optional<Payment> byIdempotencyKey(String merchantId, String key) {
      return repository.payments.values().stream()
          .filter(p -> key.equals(keys.get(p.id())))
          .findFirst();
    }

    final Map<String, String> keys = new HashMap<>();

    @Override
    boolean recorded(String paymentId, TimelineEvent event) {
      return repository.timeline.stream().anyMatch(e -> e.event() == event);
    }

    @Override
    List<String> supersedableOnTerminal(String terminalId, String exceptId) {
      return repository.payments.values().stream()
          .filter(p -> !p.id().equals(exceptId) && p.status() == PaymentStatus.PENDING)
          .filter(
              p ->
                  p.requestState() == null
                      || p.requestState() == PaymentRequestState.SUBMITTED
                      || p.requestState() == PaymentRequestState.IN_PROGRESS)
          .map(Payment::id)
          .toList();
    }
  }

  static final class Directory implements StoreDirectory {
    final StoreView web =
        new StoreView(
            "sto_web",
            "mer_1",
            StoreType.WEBSITE,
            "web-001",
            new StoreView.Details("Shop", null, "https://shop.example", null, null),
            "krn:store:1",
            StoreView.Onboarding.ONBOARDED,
            null,
            1,
            NOW,
            NOW);
    final StoreView shop =
        new StoreView(
            "sto_shop",
            "mer_1",
            StoreType.PHYSICAL_STORE,
            "store-001",
            new StoreView.Details("Main St", null, null, null, null),
            "krn:store:2",
            StoreView.Onboarding.ONBOARDED,
            null,
            1,
            NOW,
            NOW);
    final TerminalView till =
        new TerminalView(
            "ter_1", "mer_1", "sto_shop", "till-7", "Till 7", true, true, NOW, NOW, null, null);

    @Override
    public Optional<MerchantView> merchantByApiKey(String apiKey) {
      return Optional.of(MERCHANT);
    }

    @Override
    public Optional<MerchantView> merchant(String merchantId) {
      return Optional.of(MERCHANT);
    }

    @Override
    public Optional<StoreView> store(String merchantId, String idOrReference) {
      return List.of(web, shop).stream()
          .filter(s -> s.id().equals(idOrReference) || s.storeReference().equals(idOrReference))
          .findFirst();
    }

    @Override
    public Optional<TerminalView> terminal(String merchantId, String terminalReference) {
      return till.terminalReference().equals(terminalReference)
          ? Optional.of(till)
          : Optional.empty();
    }

    @Override
    public TerminalView displayTerminal(String token) {
      return till;
    }
  }

  FakeKlarna klarna;
  MemoryRepository repository;
  MemoryQueries queries;
  TakingPayments taking;
  FinalAuthorization finalization;
  Cancelling cancelling;
  KlarnaSignalHandling signals;
  JanitorCheck janitor;

  final SimClock clock = new SimClock(NOW);

  @BeforeEach
  void wire() {
    klarna = new FakeKlarna();
    repository = new MemoryRepository();
    queries = new MemoryQueries(repository);
    PaymentsWiring wiring =
        new PaymentsWiring(
            repository, queries, new Directory(), klarna, PaymentsWiring.settings(), clock);
    finalization = wiring.finalization;
    signals = wiring.signals;
    cancelling = wiring.cancelling;
    taking = wiring.taking;
    janitor = wiring.check;
    after = wiring.after;
  }

  AfterAuthorization after;

  /** An online payment (11,800 USD, manual capture) Klarna approved at once. */
  PaymentView authorized() {
    klarna.authorizes.add(() -> PaymentFixture.approved("krn:tx:1"));
    PaymentView p = create(ONLINE);
    assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(p.captureMode()).isEqualTo(CaptureMode.MANUAL);
    assertThat(p.amounts()).isEqualTo(new PaymentView.Amounts(11800, 0, 0, 11800, 0));
    return p;
  }

  PaymentView.Amounts amounts(PaymentView p) {
    return repository.find(p.id()).orElseThrow().view().amounts();
  }

  static NewCapture capture(Long amount) {
    return new NewCapture(amount, List.of(), null);
  }

  static NewRefund refund(Long amount, String captureId) {
    return new NewRefund(amount, captureId, "returned", List.of());
  }

  List<String> notices() {
    return repository.notices.stream().map(Changes.Notice::type).toList();
  }

  @Test
  void capturesInPartsNeverExceedTheAuthorizationAndRefundsOnlyWhatWasCaptured() {
    PaymentView p = authorized();
    assertThatThrownBy(() -> after.refund(null, p.id(), refund(100L, null), Kind.PARTNER, "t"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("Nothing has been captured");

    MoneyMovement first = after.capture(null, p.id(), capture(5000L), Kind.PARTNER, "t");
    assertThat(first.status()).isEqualTo("succeeded");
    assertThat(first.klarnaId()).isEqualTo("kcap-" + first.id());
    assertThat(amounts(p)).isEqualTo(new PaymentView.Amounts(11800, 5000, 0, 6800, 5000));

    int calls = klarna.calls.size();
    assertThatThrownBy(() -> after.capture(null, p.id(), capture(6801L), Kind.PARTNER, "t"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("more than can be captured (6800)");
    assertThat(klarna.calls).as("nothing sent to Klarna").hasSize(calls);

    MoneyMovement rest = after.capture(null, p.id(), capture(null), Kind.PARTNER, "t");
    assertThat(rest.amount()).isEqualTo(6800);
    PaymentView done = repository.find(p.id()).orElseThrow().view();
    assertThat(done.klarna().transactionState()).isEqualTo(KlarnaTransaction.COMPLETED);
    assertThat(done.amounts().capturable()).isZero();
    assertThatThrownBy(() -> after.capture(null, p.id(), capture(1L), Kind.PARTNER, "t"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("COMPLETED");

    after.refund(null, p.id(), refund(3000L, first.id()), Kind.PARTNER, "t");
    assertThatThrownBy(
            () -> after.refund(null, p.id(), refund(2001L, first.id()), Kind.PARTNER, "t"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("of this capture (2000)");
    assertThatThrownBy(
            () -> after.refund(null, p.id(), refund(10L, "cap_of_another"), Kind.PARTNER, "t"))
        .isInstanceOf(InvalidInput.class);
    MoneyMovement all = after.refund(null, p.id(), refund(null, null), Kind.PARTNER, "t");
    assertThat(all.amount()).isEqualTo(8800);
    assertThat(amounts(p)).isEqualTo(new PaymentView.Amounts(11800, 11800, 11800, 0, 0));
    assertThatThrownBy(() -> after.refund(null, p.id(), refund(null, null), Kind.PARTNER, "t"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("Nothing is left to refund");
    assertThat(klarna.captured).isEqualTo(11800);
    assertThat(klarna.refunded).isEqualTo(11800);
    assertThat(notices())
        .containsExactly(
            "payment.authorized",
            "payment.captured",
            "payment.captured",
            "payment.refunded",
            "payment.refunded");
    assertThatThrownBy(() -> after.movements("mer_other", p.id())).isInstanceOf(NotFound.class);
  }

  @Test
  void aCaptureKlarnaDidNotAnswerHoldsItsAmountAndIsFinishedOnceWithTheSameKey() {
    PaymentView p = authorized();
    klarna.moneyFaults.add(new KlarnaException(599, "x", "x", "after commit", null, List.of()));
    MoneyMovement pending = after.capture(null, p.id(), capture(null), Kind.PARTNER, "t");
    assertThat(pending.status()).isEqualTo("pending");
    assertThat(amounts(p).capturable()).as("held while unanswered").isZero();
    assertThatThrownBy(() -> after.capture(null, p.id(), capture(1L), Kind.PARTNER, "t"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("being captured");
    assertThatThrownBy(() -> after.release(null, p.id(), Kind.PARTNER, "t"))
        .isInstanceOf(Conflict.class);

    after.resend(pending.id());
    MoneyMovement done = after.movements(null, p.id()).get(0);
    assertThat(done.status()).isEqualTo("succeeded");
    assertThat(klarna.captured).as("captured once at Klarna").isEqualTo(11800);
    assertThat(klarna.calls)
        .filteredOn(c -> c.startsWith("capture"))
        .containsExactly("capture 11800 " + pending.id(), "capture 11800 " + pending.id());
    assertThat(amounts(p)).isEqualTo(new PaymentView.Amounts(11800, 11800, 0, 0, 11800));
    after.resend(pending.id()); // answered already: nothing is sent
    assertThat(klarna.calls).filteredOn(c -> c.startsWith("capture")).hasSize(2);
  }

  /**
   * Issue 33: a capture of 3,000 of 10,000, killed in flight and finished by the janitor, then
   * retried by the partner with the same Idempotency-Key after the key's running time-out: 201 with
   * a new capture id, and Klarna held two captures of 3,000.
   */
  @Test
  void aPartnersRetryWithTheSameKeyAfterACrashAnswersTheFirstCaptureAndMovesNothing() {
    PaymentView p = authorized();
    klarna.moneyFaults.add(new KlarnaException(599, "x", "x", "after commit", null, List.of()));
    MoneyMovement first =
        after.capture(null, p.id(), capture(3000L), Kind.PARTNER, "t", "key-capture-1");
    assertThat(first.status()).isEqualTo("pending");
    after.resend(first.id()); // the janitor, after the restart
    MoneyMovement late =
        after.capture(null, p.id(), capture(3000L), Kind.PARTNER, "t", "key-capture-1");
    assertThat(late.id()).isEqualTo(first.id());
    assertThat(late.status()).isEqualTo("succeeded");
    assertThat(klarna.captured).as("one capture at Klarna").isEqualTo(3000);
    assertThat(after.movements(null, p.id())).hasSize(1);
    assertThatThrownBy(
            () ->
                after.refund(null, p.id(), refund(100L, null), Kind.PARTNER, "t", "key-capture-1"))
        .as("the key began a capture: a refund under it is another request")
        .isInstanceOf(Unprocessable.class);
    MoneyMovement second =
        after.capture(null, p.id(), capture(3000L), Kind.PARTNER, "t", "key-capture-2");
    assertThat(second.id()).as("a new key is a new capture").isNotEqualTo(first.id());
    assertThat(klarna.captured).isEqualTo(6000);
  }

  @Test
  void aRetryWithTheKeyOfAPendingCaptureAsksKlarnaWithTheCapturesOwnKeyAndMovesNothingTwice() {
    PaymentView p = authorized();
    klarna.moneyFaults.add(new KlarnaException(599, "x", "x", "after commit", null, List.of()));
    MoneyMovement first =
        after.capture(null, p.id(), capture(3000L), Kind.PARTNER, "t", "key-capture-1");
    assertThat(first.status()).isEqualTo("pending");
    MoneyMovement again =
        after.capture(null, p.id(), capture(3000L), Kind.PARTNER, "t", "key-capture-1");
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.status()).as("Klarna's first answer, replayed").isEqualTo("succeeded");
    assertThat(klarna.captured).isEqualTo(3000);
    assertThat(klarna.calls)
        .filteredOn(c -> c.startsWith("capture"))
        .containsExactly("capture 3000 " + first.id(), "capture 3000 " + first.id());
  }

  /**
   * Simulation F3 (seed 618): a refund Klarna made while the gateway died, re-sent by the janitor
   * 25 hours later with a key Klarna had forgotten: refunded twice. F4 (seed 1630): an operation
   * left failed after 24 hours kept its amount held.
   */
  @Test
  void anOperationUnansweredForADayIsSettledFromKlarnasTransactionNeverSentAgain() {
    PaymentView p = authorized();
    klarna.moneyFaults.add(new KlarnaException(599, "x", "x", "after commit", null, List.of()));
    MoneyMovement pending = after.capture(null, p.id(), capture(3000L), Kind.PARTNER, "t");
    assertThat(pending.status()).isEqualTo("pending");
    int calls = klarna.calls.size();
    clock.set(NOW.plus(Duration.ofHours(25)));
    after.resend(pending.id());
    assertThat(klarna.calls.subList(calls, klarna.calls.size()))
        .as("read, never sent again")
        .containsExactly("read transaction");
    assertThat(klarna.captured).as("captured once at Klarna").isEqualTo(3000);
    MoneyMovement settled = after.movements(null, p.id()).get(0);
    assertThat(settled.status()).isNotEqualTo("pending");
    assertThat(repository.find(p.id()).orElseThrow().view().amounts().capturable())
        .as("nothing held without a pending operation")
        .isEqualTo(11800 - klarna.captured);
  }

  /**
   * Simulation F9 (seed 47453): a capture Klarna made while the gateway died was settled from a
   * read a day later, but its capture was not learned because another capture was pending; that one
   * was then refused and nothing read the transaction again: captured 0 here, 9,898 at Klarna. A
   * move that cannot be a pending operation's (another kind or amount) is learned at once.
   */
  @Test
  void seed47453AMoveKlarnaMadeIsLearnedWhileAnOperationOfAnotherAmountIsPending() {
    PaymentView p = authorized();
    klarna.moneyFaults.add(new KlarnaException(599, "x", "x", "after commit", null, List.of()));
    MoneyMovement lost = after.capture(null, p.id(), capture(3000L), Kind.PARTNER, "t");
    assertThat(lost.status()).isEqualTo("pending");
    clock.set(NOW.plus(Duration.ofHours(25)));
    klarna.moneyFaults.add(
        new KlarnaException(503, null, null, "Service Unavailable", null, List.of()));
    MoneyMovement waiting = after.capture(null, p.id(), capture(2000L), Kind.PARTNER, "t");
    assertThat(waiting.status()).isEqualTo("pending");

    after.resend(lost.id());
    assertThat(amounts(p).captured())
        .as("Klarna's capture of 3,000 learned, though a capture of 2,000 is pending")
        .isEqualTo(3000)
        .isEqualTo(klarna.captured);

    klarna.captureList.add(new KlarnaTransaction.Capture("kcap-unheard", 2000));
    signals.onPaymentTransaction(klarna.readTransaction("a", "krn:tx:1"), "read");
    assertThat(amounts(p).captured())
        .as("a capture of the pending one's amount may be its answer: left alone")
        .isEqualTo(3000);
  }

  @Test
  void aRefusedOperationsKeyAnswersTheRefusalAgainAndSendsNothing() {
    PaymentView p = authorized();
    klarna.moneyFaults.add(
        new KlarnaException(400, "INPUT_ERROR", "VALIDATION_ERROR", "no", null, List.of()));
    assertThatThrownBy(
            () -> after.capture(null, p.id(), capture(2000L), Kind.PARTNER, "t", "key-r"))
        .isInstanceOf(KlarnaRefused.class);
    int calls = klarna.calls.size();
    assertThatThrownBy(
            () -> after.capture(null, p.id(), capture(2000L), Kind.PARTNER, "t", "key-r"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("was refused");
    assertThat(klarna.calls).hasSize(calls);
  }

  @Test
  void aCaptureKlarnaRefusesFreesWhatItHeld() {
    PaymentView p = authorized();
    klarna.moneyFaults.add(
        new KlarnaException(400, "INPUT_ERROR", "VALIDATION_ERROR", "no", null, List.of()));
    assertThatThrownBy(() -> after.capture(null, p.id(), capture(2000L), Kind.PARTNER, "t"))
        .isInstanceOf(KlarnaRefused.class);
    assertThat(after.movements(null, p.id()).get(0).status()).isEqualTo("failed");
    assertThat(amounts(p).capturable()).isEqualTo(11800);
  }

  @Test
  void aReleaseAfterAPartialCaptureFreesTheRestOnce() {
    PaymentView p = authorized();
    after.capture(null, p.id(), capture(4000L), Kind.PARTNER, "t");
    MoneyMovement release = after.release(null, p.id(), Kind.OPERATOR, "ann in the console");
    assertThat(release.amount()).isEqualTo(7800);
    PaymentView after1 = repository.find(p.id()).orElseThrow().view();
    assertThat(after1.klarna().transactionState()).isEqualTo(KlarnaTransaction.COMPLETED);
    assertThat(after1.amounts())
        .isEqualTo(new PaymentView.Amounts(11800, 4000, 0, 0, 4000).withReleased(7800));
    assertThat(after1.moneyStatus()).isEqualTo(MoneyStatus.CAPTURED);
    assertThatThrownBy(() -> after.release(null, p.id(), Kind.PARTNER, "t"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("Nothing is left to release");
    assertThat(notices()).endsWith("payment.released");
    assertThat(repository.timeline)
        .extracting(Changes.Entry::summary)
        .contains(
            "Release of the uncaptured $78.00 requested by ann in the console ("
                + release.id()
                + ")");
  }

  @Test
  void aLateApprovalKlarnaCapturedAtOnceIsRefundedSinceItCannotBeVoided() {
    PaymentView p = create(ONLINE);
    String pr = repository.find(p.id()).orElseThrow().paymentRequestId();
    klarna.finals.add(
        () -> {
          // the request expires while Klarna works on the final authorization
          signals.onPaymentRequest(pr(pr, "EXPIRED", null), "webhook");
          klarna.captured = 11800; // captured with the authorization (capture NOW)
          klarna.state = KlarnaTransaction.COMPLETED;
          return PaymentFixture.approved("krn:tx:late");
        });
    signals.onPaymentRequest(completed(p), "webhook");
    Payment ended = repository.find(p.id()).orElseThrow();
    assertThat(ended.status()).isEqualTo(PaymentStatus.EXPIRED);
    assertThat(ended.voidingLate()).isTrue();

    klarna.moneyFaults.add(
        new KlarnaException(
            409, "RESOURCE_ERROR", "RESOURCE_CONFLICT", "COMPLETED", null, List.of()));
    finalization.voidLate(p.id());
    assertThat(klarna.calls).anyMatch(c -> c.startsWith("refund 11800 "));
    assertThat(klarna.refunded).isEqualTo(11800);
    assertThat(repository.find(p.id()).orElseThrow().voidingLate()).isFalse();
    assertThat(repository.timeline)
        .extracting(Changes.Entry::summary)
        .contains("Late transaction released at Klarna: refunded $118.00");
  }

  @Test
  void aPendingOrDeclinedPaymentCannotBeCaptured() {
    PaymentView pending = create(ONLINE);
    assertThatThrownBy(() -> after.capture(null, pending.id(), capture(null), Kind.PARTNER, "t"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("The payment is pending");
    assertThatThrownBy(
            () -> after.capture("mer_other", pending.id(), capture(null), Kind.PARTNER, "t"))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void aTransactionEventListingNoMovesDoesNotReadThePaymentsOperations() {
    PaymentView online = authorized();
    repository.operationReads = 0;
    signals.onPaymentTransaction(
        new KlarnaTransaction(
            "krn:tx:1", "AUTHORIZED", 11800, 0, 0, null, NOW.plusSeconds(30), List.of()),
        "webhook");
    assertThat(repository.operationReads).as("an event lists no captures or refunds").isZero();
    signals.onPaymentTransaction(
        new KlarnaTransaction(
            "krn:tx:1",
            "AUTHORIZED",
            11800,
            1000,
            0,
            null,
            NOW.plusSeconds(40),
            List.of(new KlarnaTransaction.Capture("kc-portal", 1000))),
        "read");
    assertThat(repository.operationReads).as("a read listing a capture").isEqualTo(1);
    assertThat(repository.find(online.id()).orElseThrow().view().amounts().captured())
        .isEqualTo(1000);
  }

  @Test
  void anInStoreSaleIsCapturedWithItsAuthorizationAndAnExpiryIsToldOnce() {
    klarna.authorizes.add(
        () ->
            AuthorizeResult.from(
                Json.createReader(
                        new StringReader(
                            "{\"payment_transaction_response\":{\"result\":\"APPROVED\","
                                + "\"payment_transaction\":{\"payment_transaction_id\":\"krn:tx:9\","
                                + "\"state\":\"COMPLETED\",\"expires_at\":\"2026-12-29T10:00:00Z\","
                                + "\"payment_captures\":[{\"payment_capture_id\":\"kc-1\",\"amount\":11800}]}}}"))
                    .readObject()));
    PaymentView p = create(IN_STORE);
    assertThat(p.captureMode()).isEqualTo(CaptureMode.AUTOMATIC);
    assertThat(p.amounts()).isEqualTo(new PaymentView.Amounts(11800, 11800, 0, 0, 11800));
    assertThat(p.klarna().authorizationExpiresAt())
        .isEqualTo(Instant.parse("2026-12-29T10:00:00Z"));
    assertThat(after.movements(null, p.id()))
        .singleElement()
        .satisfies(m -> assertThat(m.klarnaId()).isEqualTo("kc-1"));
    assertThat(notices()).containsExactly("payment.authorized", "payment.captured");

    PaymentView online = authorized();
    after.capture(null, online.id(), capture(1800L), Kind.PARTNER, "t");
    KlarnaTransaction expired =
        new KlarnaTransaction(
            "krn:tx:1", "EXPIRED", 11800, 1800, 0, null, NOW.plusSeconds(60), List.of());
    signals.onPaymentTransaction(expired, "webhook");
    signals.onPaymentTransaction(expired, "webhook (again)");
    signals.onPaymentTransaction(
        new KlarnaTransaction(
            "krn:tx:1", "AUTHORIZED", 11800, 1800, 0, null, NOW.plusSeconds(30), List.of()),
        "webhook (late)");
    PaymentView now = repository.find(online.id()).orElseThrow().view();
    assertThat(now.klarna().transactionState()).as("never back").isEqualTo("EXPIRED");
    assertThat(now.amounts().capturable()).isZero();
    assertThat(notices()).filteredOn("payment.authorization_expired"::equals).hasSize(1);
  }

  @Test
  void theFirstTimeTheQrCodeIsShownOrTheShopperSentToKlarnaIsRecordedOnce() {
    PaymentView pending = create(IN_STORE);
    assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
    ShownToShopper shown = new ShownToShopper(repository, queries, clock);
    shown.qrShown(pending.id());
    clock.advance(java.time.Duration.ofSeconds(5));
    shown.qrShown(pending.id()); // the display drew it again (reloaded)
    assertThat(repository.timeline)
        .filteredOn(e -> e.event() == TimelineEvent.QR_SHOWN)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.SHOPPER);
              assertThat(e.at()).isEqualTo(NOW);
              assertThat(e.summary())
                  .isEqualTo("QR code shown to the shopper on the display of terminal till-7");
            });

    PaymentView online = create(ONLINE);
    shown.sentToKlarna(online.id());
    assertThat(repository.timeline)
        .filteredOn(e -> e.event() == TimelineEvent.SENT_TO_KLARNA)
        .singleElement()
        .satisfies(
            e -> assertThat(e.summary()).isEqualTo("Shopper sent to Klarna's Purchase Journey"));
  }

  static final String ONLINE =
      "{\"amount\":11800,\"currency\":\"USD\",\"reference\":\"o-1\",\"store_reference\":\"web-001\","
          + "\"return_url\":\"https://shop.example/done\"}";
  static final String IN_STORE =
      "{\"amount\":11800,\"currency\":\"USD\",\"reference\":\"s-1\",\"store_reference\":\"store-001\","
          + "\"terminal_reference\":\"till-7\"}";

  PaymentView create(String body) {
    NewPayment in = PaymentInput.read(body);
    return taking.create(MERCHANT, in, null, body);
  }

  @Test
  void aStepUpIsPendingAndTheShoppersApprovalIsFinalizedOnceWithTheNetworkToken() {
    PaymentView created = create(ONLINE);
    assertThat(created.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(created.klarna().state()).isEqualTo(PaymentRequestState.SUBMITTED);

    KlarnaPaymentRequest completed = completed(created);
    signals.onPaymentRequest(completed, "webhook");
    signals.onPaymentRequest(completed, "webhook (again)");
    PaymentView done = repository.find(created.id()).orElseThrow().view();
    assertThat(done.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(klarna.calls)
        .filteredOn(c -> c.startsWith("final"))
        .singleElement()
        .asString()
        .startsWith("final Klarna-Network-Session-Token ")
        .endsWith(KlarnaCalls.idempotencyKey(created.id(), "final-authorize"));
  }

  /**
   * Simulation F6 (seed 7914): an authorization ran out (the gateway learned EXPIRED), 7 days later
   * Klarna closed the transaction and that webhook was lost: the gateway said EXPIRED for ever
   * while Klarna said CLOSED. The janitor reads it again once the 7 days have passed, and, while
   * Klarna has not moved it on yet, again an hour later, not every pass.
   */
  @Test
  void seed7914AnExpiredTransactionIsReadAgainWhenKlarnaShouldHaveClosedIt() {
    PaymentView p = authorized();
    Instant expiry = NOW.plus(Duration.ofDays(28));
    signals.onPaymentTransaction(
        new KlarnaTransaction("krn:tx:1", "EXPIRED", 11800, 0, 0, expiry, expiry, List.of()),
        "webhook");
    assertThat(repository.find(p.id()).orElseThrow().view().klarna().transactionState())
        .isEqualTo("EXPIRED");
    klarna.state = KlarnaTransaction.EXPIRED;
    clock.set(expiry.plus(Duration.ofDays(6)));
    after.readOverdue(p.id());
    assertThat(klarna.calls).as("not due within the 7 days").doesNotContain("read transaction");

    Instant closing = expiry.plus(Duration.ofDays(7));
    clock.set(closing);
    after.readOverdue(p.id());
    assertThat(klarna.calls).filteredOn("read transaction"::equals).hasSize(1);
    clock.set(closing.plusSeconds(60));
    after.readOverdue(p.id());
    assertThat(klarna.calls)
        .as("Klarna not moved on yet: read again later, not every pass")
        .filteredOn("read transaction"::equals)
        .hasSize(1);

    klarna.state = KlarnaTransaction.CLOSED;
    clock.set(closing.plus(Duration.ofHours(1)));
    after.readOverdue(p.id());
    assertThat(repository.find(p.id()).orElseThrow().view().klarna().transactionState())
        .isEqualTo("CLOSED");
    clock.set(closing.plus(Duration.ofDays(30)));
    after.readOverdue(p.id());
    assertThat(klarna.calls)
        .as("nothing more to read")
        .filteredOn("read transaction"::equals)
        .hasSize(2);
  }

  /**
   * Simulation F8 (seed 32014): the initial authorize's answer was lost after Klarna made the
   * Payment Request; the shopper completed it and its webhook, naming a request the gateway had
   * never heard of, was ignored; the janitor learned the request only after the token's hour and
   * the approved sale was lost. The webhook's {@code payment_request_reference} (our payment id)
   * now names the payment: the request is read and taken, and the approval finalized at once.
   */
  @Test
  void seed32014ARequestEventForAPaymentWhoseAuthorizeWentUnansweredIsTakenAndFinalized() {
    klarna.authorizes.add(
        () -> {
          throw PaymentFixture.noAnswer();
        });
    assertThatThrownBy(() -> create(ONLINE)).isInstanceOf(KlarnaUnavailable.class);
    String id = repository.payments.keySet().iterator().next();
    KlarnaPaymentRequest completed =
        KlarnaRequestFixture.completed(PaymentFixture.TOKEN)
            .id("krn:payment:eu1:request:lost")
            .reference(id)
            .previousState("IN_PROGRESS")
            .updatedAt(NOW.plusSeconds(1))
            .paymentRequestUrl(null)
            .build();
    klarna.reads.add(() -> pr("krn:payment:eu1:request:lost", "COMPLETED", PaymentFixture.TOKEN));
    signals.onPaymentRequest(completed, "webhook");
    Payment p = repository.find(id).orElseThrow();
    assertThat(p.paymentRequestId()).isEqualTo("krn:payment:eu1:request:lost");
    assertThat(p.status()).as("finalized at once").isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(klarna.calls)
        .containsSubsequence(
            "read",
            "final Klarna-Network-Session-Token "
                + KlarnaCalls.idempotencyKey(id, "final-authorize"));

    // an event naming another payment's id, or one whose request is known, takes nothing
    int calls = klarna.calls.size();
    signals.onPaymentRequest(
        KlarnaRequestFixture.completed(PaymentFixture.TOKEN)
            .id("krn:payment:eu1:request:other")
            .reference(id)
            .expiresAt(null)
            .updatedAt(null)
            .paymentRequestUrl(null)
            .build(),
        "webhook");
    signals.onPaymentRequest(
        KlarnaRequestFixture.submitted()
            .id("krn:payment:eu1:request:x")
            .reference("pay_unknown")
            .expiresAt(null)
            .updatedAt(null)
            .paymentRequestUrl(null)
            .build(),
        "webhook");
    assertThat(klarna.calls).hasSize(calls);
  }

  @Test
  void klarnaSilentKeepsThePaymentAndTheSameKeyResumesIt() {
    klarna.authorizes.add(
        () -> {
          throw PaymentFixture.noAnswer();
        });
    assertThatThrownBy(() -> create(ONLINE))
        .isInstanceOf(KlarnaUnavailable.class)
        .satisfies(e -> assertThat(((KlarnaUnavailable) e).details()).containsKey("payment_id"));
    String id = repository.payments.keySet().iterator().next();
    assertThat(repository.find(id).orElseThrow().authorizing()).isTrue();
    janitor.check(id);
    assertThat(repository.find(id).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(klarna.calls)
        .filteredOn(c -> c.startsWith("authorize"))
        .hasSize(2)
        .allSatisfy(c -> assertThat(c).endsWith(KlarnaCalls.idempotencyKey(id, "authorize")));
  }

  @Test
  void aKlarnaRefusalFailsThePaymentAndSaysSo() {
    klarna.authorizes.add(
        () -> {
          throw PaymentFixture.refused(400);
        });
    assertThatThrownBy(() -> create(ONLINE)).isInstanceOf(KlarnaRefused.class);
    assertThat(repository.payments.values())
        .singleElement()
        .extracting(Payment::status)
        .isEqualTo(PaymentStatus.FAILED);
  }

  @Test
  void aStoreOrTerminalThatIsNotTheMerchantsIsInvalidInput() {
    assertThatThrownBy(() -> create(ONLINE.replace("web-001", "nope")))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> create(IN_STORE.replace("till-7", "till-9")))
        .isInstanceOf(InvalidInput.class);
    assertThat(klarna.calls).isEmpty();
  }

  @Test
  void anIdempotencyKeyReplaysAndRefusesAnotherBody() {
    NewPayment in = PaymentInput.read(ONLINE);
    PaymentView first = taking.create(MERCHANT, in, "key-1", ONLINE);
    queries.keys.put(first.id(), "key-1");
    PaymentView again = taking.create(MERCHANT, in, "key-1", ONLINE);
    assertThat(again.id()).isEqualTo(first.id());
    // the same JSON with its keys reordered and a trailing newline is the same request (issue 28)
    String reordered =
        "{\"return_url\": \"https://shop.example/done\", \"store_reference\": \"web-001\",\n"
            + " \"reference\": \"o-1\", \"currency\": \"USD\", \"amount\": 11800}\n";
    assertThat(taking.create(MERCHANT, in, "key-1", reordered).id()).isEqualTo(first.id());
    assertThatThrownBy(() -> taking.create(MERCHANT, in, "key-1", ONLINE.replace("o-1", "o-2")))
        .isInstanceOf(Unprocessable.class);
    assertThat(klarna.calls).filteredOn(c -> c.startsWith("authorize")).hasSize(1);
  }

  @Test
  void theNextSaleOnATillCancelsTheOpenOneButNeverAnApprovedOne() {
    PaymentView open = create(IN_STORE);
    PaymentView approved = create(IN_STORE.replace("s-1", "s-2"));
    assertThat(repository.find(open.id()).orElseThrow().status())
        .as("the open sale is canceled at Klarna")
        .isEqualTo(PaymentStatus.CANCELED);
    klarna.finals.add(
        () -> {
          throw PaymentFixture.noAnswer();
        });
    signals.onPaymentRequest(completed(approved), "webhook");
    create(IN_STORE.replace("s-1", "s-3"));
    assertThat(repository.find(approved.id()).orElseThrow().status())
        .as("the shopper's approved sale keeps finalizing")
        .isEqualTo(PaymentStatus.PENDING);
    assertThat(klarna.calls).filteredOn("cancel"::equals).hasSize(1);
  }

  @Test
  void aSaleTheShopperApprovedBeforeItsWebhookArrivedIsFinalizedNotSuperseded() {
    PaymentView approvedAtKlarna = create(IN_STORE);
    // Klarna has it COMPLETED (and would let it be canceled) but its webhook is not here yet
    klarna.reads.add(() -> completed(approvedAtKlarna));
    klarna.finals.add(() -> PaymentFixture.approved("krn:tx:late"));
    create(IN_STORE.replace("s-1", "s-2"));
    assertThat(repository.find(approvedAtKlarna.id()).orElseThrow().status())
        .as("read before the cancel: the shopper's approval is kept and authorized")
        .isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(klarna.calls).doesNotContain("cancel").contains("read");
  }

  @Test
  void anApprovedPaymentCannotBeCanceledAndAnEndedOneNeither() {
    PaymentView p = create(ONLINE);
    klarna.finals.add(
        () -> {
          throw PaymentFixture.noAnswer();
        });
    signals.onPaymentRequest(completed(p), "webhook");
    assertThatThrownBy(
            () ->
                cancelling.cancel(
                    null, p.id(), Kind.PARTNER, TimelineEvent.CANCEL_REQUESTED, "cancel"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("approved");
    PaymentView open = create(ONLINE.replace("o-1", "o-2"));
    assertThat(
            cancelling
                .cancel(null, open.id(), Kind.PARTNER, TimelineEvent.CANCEL_REQUESTED, "cancel")
                .status())
        .isEqualTo(PaymentStatus.CANCELED);
    assertThatThrownBy(
            () ->
                cancelling.cancel(
                    null, open.id(), Kind.PARTNER, TimelineEvent.CANCEL_REQUESTED, "again"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("canceled");
  }

  @Test
  void aRetryUnderTheKeyOfACancelAnswersThatCancelAfterACrashAndAnotherKeyIsRefused() {
    PaymentView p = create(ONLINE);
    PaymentView first =
        cancelling.cancel(
            null, p.id(), Kind.PARTNER, TimelineEvent.CANCEL_REQUESTED, "the partner", "c-1");
    assertThat(first.status()).isEqualTo(PaymentStatus.CANCELED);
    // the server died after the cancel was stored and before the key's filter kept its answer:
    // the partner's retry under the same key runs again, and gets the first cancel's answer
    PaymentView again =
        cancelling.cancel(
            null, p.id(), Kind.PARTNER, TimelineEvent.CANCEL_REQUESTED, "the partner", "c-1");
    assertThat(again.status()).isEqualTo(PaymentStatus.CANCELED);
    assertThat(again.id()).isEqualTo(p.id());
    assertThat(klarna.calls).filteredOn("cancel"::equals).as("canceled once").hasSize(1);
    assertThatThrownBy(
            () ->
                cancelling.cancel(
                    null,
                    p.id(),
                    Kind.PARTNER,
                    TimelineEvent.CANCEL_REQUESTED,
                    "the partner",
                    "c-2"))
        .as("another key: a cancel of a canceled payment, as before")
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("The payment is canceled");
  }

  @Test
  void aCancelRefusedBecauseTheShopperApprovedIsRefusedAlikeUnderItsKey() {
    PaymentView p = create(ONLINE);
    // Klarna has it COMPLETED, its webhook not here yet: the cancel reads first and finalizes
    klarna.reads.add(() -> completed(p));
    klarna.finals.add(
        () -> {
          throw PaymentFixture.noAnswer();
        });
    String refused =
        catchConflict(
            () ->
                cancelling.cancel(
                    null,
                    p.id(),
                    Kind.PARTNER,
                    TimelineEvent.CANCEL_REQUESTED,
                    "the partner",
                    "c-1"));
    assertThat(refused).contains("The shopper has approved");
    assertThat(klarna.calls).doesNotContain("cancel");
    // the final authorization goes through; the key's retry (its 409 is not kept) says the same
    signals.onPaymentRequest(completed(p), "webhook");
    assertThat(repository.find(p.id()).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(
            catchConflict(
                () ->
                    cancelling.cancel(
                        null,
                        p.id(),
                        Kind.PARTNER,
                        TimelineEvent.CANCEL_REQUESTED,
                        "the partner",
                        "c-1")))
        .isEqualTo(refused);
    assertThat(klarna.calls).doesNotContain("cancel");
  }

  /**
   * Issue 33: a partner cancel that raced the shopper's approval sent Klarna a DELETE after the
   * request was COMPLETED. The cancel reads first: COMPLETED (its webhook not here yet) is
   * finalized instead, and the partner gets 409, not the payment authorized under a 200.
   */
  @Test
  void aPartnerCancelThatReadsTheRequestCompletedFinalizesItAndAnswers409() {
    PaymentView p = create(ONLINE);
    klarna.reads.add(() -> completed(p));
    klarna.finals.add(() -> PaymentFixture.approved("krn:tx:approved"));
    assertThatThrownBy(
            () ->
                cancelling.cancel(
                    null, p.id(), Kind.PARTNER, TimelineEvent.CANCEL_REQUESTED, "the partner"))
        .isInstanceOf(Conflict.class)
        .hasMessage("The shopper has approved; the final authorization is under way.");
    assertThat(repository.find(p.id()).orElseThrow().status())
        .as("finalized, not canceled")
        .isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(klarna.calls).contains("read").doesNotContain("cancel");
  }

  /**
   * A read before the cancel that fails sends no DELETE blind: the partner hears Klarna's answer is
   * unknown (503 with the payment id), the payment stays pending with its cancel asked for, and the
   * janitor reads and cancels later.
   */
  @Test
  void aCancelWhoseReadFailsSendsNoDeleteAndIsFinishedByTheJanitorAfterAReadLater() {
    PaymentView p = create(ONLINE);
    klarna.reads.add(
        () -> {
          throw PaymentFixture.noAnswer();
        });
    assertThatThrownBy(
            () ->
                cancelling.cancel(
                    null, p.id(), Kind.PARTNER, TimelineEvent.CANCEL_REQUESTED, "the partner"))
        .isInstanceOfSatisfying(
            KlarnaUnavailable.class,
            e -> assertThat(e.details()).containsEntry("payment_id", p.id()));
    Payment waiting = repository.find(p.id()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(waiting.cancelRequested()).isTrue();
    assertThat(klarna.calls).as("no DELETE without a read").doesNotContain("cancel");

    clock.set(NOW.plus(Duration.ofMinutes(1)));
    janitor.check(p.id());
    assertThat(repository.find(p.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CANCELED);
    assertThat(klarna.calls.subList(klarna.calls.lastIndexOf("read"), klarna.calls.size()))
        .as("read, then the one DELETE")
        .containsExactly("read", "cancel");
  }

  /**
   * Issue 33 asks a retried void to read first when the retry could change its meaning. A release's
   * void carries its operation's Klarna key, so a retry within Klarna's 24 hours of key memory gets
   * the first void's answer, whatever happened since; past them it is never sent again: the
   * transaction is read and the release settled from it.
   */
  @Test
  void aReleaseVoidIsRetriedOnlyWithItsKeyAndOnceKlarnaMayHaveForgottenItIsReadInstead() {
    PaymentView p = authorized();
    klarna.moneyFaults.add(new KlarnaException(599, "x", "x", "after commit", null, List.of()));
    MoneyMovement release = after.release(null, p.id(), Kind.PARTNER, "t", "key-release-1");
    assertThat(release.status()).isEqualTo("pending");
    int before = klarna.calls.size();
    clock.set(NOW.plus(Duration.ofHours(25)));
    after.resend(release.id());
    assertThat(klarna.calls.subList(before, klarna.calls.size()))
        .as("past the key's memory: read, never voided again")
        .containsExactly("read transaction");
    MoneyMovement settled = after.movements(null, p.id()).get(0);
    assertThat(settled.status()).as("the read shows it voided").isEqualTo("succeeded");
    assertThat(amounts(p).released()).isEqualTo(11800);
  }

  private static String catchConflict(Runnable call) {
    try {
      call.run();
    } catch (Conflict e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a 409");
  }

  static final String PURCHASE_DATA =
      ",\"customer\":{\"email\":\"ada@example.com\",\"phone\":\"+4915112345678\","
          + "\"given_name\":\"Ada\",\"family_name\":\"Lovelace\"},"
          + "\"shipping\":{\"recipient\":{\"given_name\":\"Ada\",\"family_name\":\"Lovelace\"},"
          + "\"address\":{\"street_address\":\"Main St 1\",\"postal_code\":\"10115\","
          + "\"city\":\"Berlin\",\"country\":\"DE\"},\"method\":\"STORE_PICKUP\"},"
          + "\"expires_in_seconds\":900}";

  @Test
  void purchaseDataAndTheJourneysLifetimeGoToKlarnaAndNotIntoTheTimeline() {
    String body = ONLINE.substring(0, ONLINE.length() - 1) + PURCHASE_DATA;
    create(body);

    JsonObject sent = klarna.sent.get(0).toJson();
    JsonObject purchase = sent.getJsonObject("supplementary_purchase_data");
    assertThat(purchase.getString("purchase_reference")).isEqualTo("o-1");
    assertThat(purchase.getJsonObject("customer").getString("email")).isEqualTo("ada@example.com");
    assertThat(
            purchase
                .getJsonArray("shipping")
                .getJsonObject(0)
                .getJsonObject("address")
                .getString("city"))
        .isEqualTo("Berlin");
    JsonObject interaction =
        sent.getJsonObject("step_up_config").getJsonObject("customer_interaction_config");
    assertThat(interaction.getJsonObject("interaction_expiry").getString("duration"))
        .isEqualTo("PT15M");
    assertThat(interaction.getJsonObject("point_of_checkout").getString("store_reference"))
        .as("an online payment names its store")
        .isEqualTo("web-001");

    assertThat(repository.timeline)
        .allSatisfy(
            e ->
                assertThat(String.valueOf(e.detail()))
                    .doesNotContain("ada@example.com", "Lovelace", "Main St 1", "+4915112345678"));
  }

  @Test
  void thePartnersTokenGoesToKlarnaUnderTheNameThePartnerUsed() {
    create(ONLINE.substring(0, ONLINE.length() - 1) + ",\"klarna_network_session_token\":\"t-1\"}");
    create(
        ONLINE.replace("o-1", "o-2").substring(0, ONLINE.length() - 1)
            + ",\"interoperability_token\":\"t-2\",\"interoperability_data\":\"{}\"}");
    assertThat(klarna.sent.get(0).partner().tokenHeader())
        .isEqualTo("Klarna-Network-Session-Token");
    assertThat(klarna.sent.get(1).partner().tokenHeader())
        .isEqualTo("Klarna-Interoperability-Token");
    assertThat(klarna.sent.get(1).toJson())
        .containsKey("interoperability_data")
        .doesNotContainKey("klarna_network_data");
  }

  static KlarnaTransaction atKlarna(
      List<KlarnaTransaction.Capture> captures, List<KlarnaTransaction.Refund> refunds) {
    return new KlarnaTransaction("krn:tx:1", null, 11800, 0, 0, null, null, captures, refunds);
  }

  @Test
  void aCaptureAndARefundMadeAtKlarnaAreRecordedOnceAndToldToThePartner() {
    PaymentView p = authorized();
    MoneyMovement ours = after.capture(null, p.id(), capture(3000L), Kind.PARTNER, "t");
    var theirs = new KlarnaTransaction.Capture("krn:capture:portal", 5000);
    KlarnaTransaction seen =
        atKlarna(List.of(new KlarnaTransaction.Capture(ours.klarnaId(), 3000), theirs), List.of());

    signals.onPaymentTransaction(seen, "webhook");
    signals.onPaymentTransaction(seen, "read"); // the same news again: nothing more

    assertThat(amounts(p)).isEqualTo(new PaymentView.Amounts(11800, 8000, 0, 3800, 8000));
    assertThat(after.movements(null, p.id()))
        .extracting(MoneyMovement::klarnaId, MoneyMovement::madeAtKlarna)
        .containsExactly(
            Tuple.tuple(ours.klarnaId(), false), Tuple.tuple("krn:capture:portal", true));
    assertThat(notices())
        .containsExactly("payment.authorized", "payment.captured", "payment.captured");

    signals.onPaymentTransaction(
        atKlarna(
            List.of(),
            List.of(new KlarnaTransaction.Refund("krn:refund:agent", 2000, "krn:capture:portal"))),
        "webhook");
    assertThat(amounts(p)).isEqualTo(new PaymentView.Amounts(11800, 8000, 2000, 3800, 6000));
    MoneyMovement refund = after.movements(null, p.id()).get(2);
    assertThat(refund.kind()).isEqualTo("refund");
    assertThat(refund.madeAtKlarna()).isTrue();
    assertThat(refund.captureId())
        .as("the capture it was of, by our id")
        .isEqualTo(after.movements(null, p.id()).get(1).id());
    assertThat(notices()).endsWith("payment.refunded");
  }

  @Test
  void whatKlarnaCapturesInFullCompletesTheTransaction() {
    PaymentView p = authorized();
    signals.onPaymentTransaction(
        atKlarna(List.of(new KlarnaTransaction.Capture("krn:capture:all", 11800)), List.of()),
        "webhook");
    PaymentView after = repository.find(p.id()).orElseThrow().view();
    assertThat(after.amounts()).isEqualTo(new PaymentView.Amounts(11800, 11800, 0, 0, 11800));
    assertThat(after.klarna().transactionState()).isEqualTo(KlarnaTransaction.COMPLETED);
  }

  @Test
  void nothingIsLearnedWhileAnOperationOfTheGatewaysIsOnItsWay() {
    PaymentView p = authorized();
    klarna.moneyFaults.add(new KlarnaException(599, "x", "x", "after commit", null, List.of()));
    MoneyMovement pending = after.capture(null, p.id(), capture(4000L), Kind.PARTNER, "t");
    assertThat(pending.status()).isEqualTo("pending");
    // Klarna's event for the very capture whose answer the gateway has not yet recorded
    signals.onPaymentTransaction(
        atKlarna(List.of(new KlarnaTransaction.Capture("kcap-" + pending.id(), 4000)), List.of()),
        "webhook");
    after.resend(pending.id());
    assertThat(after.movements(null, p.id())).hasSize(1);
    assertThat(amounts(p).captured()).as("counted once").isEqualTo(4000);
  }
}
