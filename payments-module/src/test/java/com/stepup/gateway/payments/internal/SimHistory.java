package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.NewCapture;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.NewRefund;
import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.TimelineEntry;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.IdempotencyClaim;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.DomainError;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * One seeded history: the steps a {@link Random} of the seed chose (partner calls, shopper actions,
 * webhooks, janitor passes, Klarna faults, crashes, clock jumps), played against the real use cases
 * over {@link SimStore} and {@link SimKlarna}, then a quiet end (faults stop, slow calls finish,
 * webhooks are delivered, the janitor runs until nothing is pending). Every step carries all its
 * own randomness, so any sub-list of steps replays deterministically: that is what shrinking needs.
 */
final class SimHistory {

  static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  /** A crash of the gateway: whatever was not committed is lost; workers start again. */
  static final class Crash extends Error {
    Crash() {
      super("crash", null, false, false);
    }
  }

  enum Kind {
    CREATE_ONLINE,
    CREATE_IN_STORE,
    REPLAY,
    CAPTURE,
    REFUND,
    RELEASE,
    CANCEL,
    OPERATOR_CAPTURE_BAD_AMOUNT,
    SHOPPER_OPEN,
    SHOPPER_COMPLETE,
    SHOPPER_DECLINE,
    SHOPPER_ABORT,
    RETURN,
    WEBHOOK,
    JANITOR,
    FINISH_SLOW_CALL,
    CLOCK,
    CRASH
  }

  /**
   * One step. {@code faults} maps the index of a Klarna call made during the step to what it meets;
   * {@code crashAt} (≥ 1) crashes the gateway at that interaction (a commit, or the moment after
   * Klarna acted); {@code nested} runs while the step's {@code nestedAt}-th Klarna call is on the
   * wire (another thread, the shopper or Klarna acting meanwhile).
   */
  record Step(
      int seq,
      Kind kind,
      int target,
      long amount,
      int variant,
      Map<Integer, SimKlarna.Fault> faults,
      int crashAt,
      Step nested,
      int nestedAt) {

    Step plain() {
      return new Step(seq, kind, target, amount, variant, Map.of(), 0, nested, nestedAt);
    }

    Step withoutNested() {
      return new Step(seq, kind, target, amount, variant, faults, crashAt, null, 0);
    }

    @Override
    public String toString() {
      StringBuilder s =
          new StringBuilder(
              "#" + seq + " " + kind + "(t=" + target + ", a=" + amount + ", v=" + variant + ")");
      if (!faults.isEmpty()) {
        s.append(" faults ").append(faults);
      }
      if (crashAt > 0) {
        s.append(" crash@").append(crashAt);
      }
      if (nested != null) {
        s.append(" while call ").append(nestedAt).append(" is on the wire: ").append(nested);
      }
      return s.toString();
    }
  }

  // -- generation ----------------------------------------------------------------------------

  private static final Kind[] WEIGHTED = weighted();

  private static Kind[] weighted() {
    Map<Kind, Integer> w = new LinkedHashMap<>();
    w.put(Kind.CREATE_ONLINE, 8);
    w.put(Kind.CREATE_IN_STORE, 7);
    w.put(Kind.REPLAY, 5);
    w.put(Kind.CAPTURE, 8);
    w.put(Kind.REFUND, 6);
    w.put(Kind.RELEASE, 3);
    w.put(Kind.CANCEL, 4);
    w.put(Kind.OPERATOR_CAPTURE_BAD_AMOUNT, 1);
    w.put(Kind.SHOPPER_OPEN, 6);
    w.put(Kind.SHOPPER_COMPLETE, 10);
    w.put(Kind.SHOPPER_DECLINE, 2);
    w.put(Kind.SHOPPER_ABORT, 2);
    w.put(Kind.RETURN, 3);
    w.put(Kind.WEBHOOK, 16);
    w.put(Kind.JANITOR, 8);
    w.put(Kind.FINISH_SLOW_CALL, 3);
    w.put(Kind.CLOCK, 6);
    w.put(Kind.CRASH, 1);
    List<Kind> out = new ArrayList<>();
    w.forEach((k, n) -> IntStream.range(0, n).forEach(i -> out.add(k)));
    return out.toArray(Kind[]::new);
  }

  private static final Kind[] NESTABLE = {
    Kind.SHOPPER_COMPLETE,
    Kind.SHOPPER_COMPLETE,
    Kind.SHOPPER_OPEN,
    Kind.SHOPPER_ABORT,
    Kind.SHOPPER_DECLINE,
    Kind.WEBHOOK,
    Kind.WEBHOOK,
    Kind.JANITOR,
    Kind.CANCEL,
    Kind.CAPTURE,
    Kind.REPLAY,
    Kind.RETURN,
    Kind.FINISH_SLOW_CALL
  };

  static List<Step> generate(long seed) {
    Random random = new Random(seed);
    int length = 15 + random.nextInt(55);
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      Kind kind = WEIGHTED[random.nextInt(WEIGHTED.length)];
      Map<Integer, SimKlarna.Fault> faults = new TreeMap<>();
      int crashAt = 0;
      Step nested = null;
      int nestedAt = 0;
      if (random.nextInt(100) < 30) {
        int count = 1 + random.nextInt(2);
        SimKlarna.Fault[] all = SimKlarna.Fault.values();
        for (int f = 0; f < count; f++) {
          faults.put(random.nextInt(4), all[random.nextInt(all.length)]);
        }
      }
      if (random.nextInt(100) < 7) {
        crashAt = 1 + random.nextInt(6);
      }
      if (random.nextInt(100) < 15) {
        nested =
            new Step(
                i,
                NESTABLE[random.nextInt(NESTABLE.length)],
                random.nextInt(1000),
                random.nextInt(1_000_000),
                random.nextInt(1000),
                Map.of(),
                0,
                null,
                0);
        nestedAt = random.nextInt(3);
      }
      int target = random.nextInt(1000);
      long amount = random.nextInt(1_000_000);
      int variant = random.nextInt(1000);
      if (crashAt > 0 && variant % 4 == 0) {
        // a quarter of the crashes fall late, at the 7th to 24th interaction: a long janitor pass
        // dies half-way (drawn from what the step drew already, so every seed keeps its steps)
        crashAt = 7 + (int) (amount % 18);
      }
      steps.add(new Step(i, kind, target, amount, variant, faults, crashAt, nested, nestedAt));
    }
    return steps;
  }

  // -- the world -----------------------------------------------------------------------------

  static final MerchantView MERCHANT =
      new MerchantView(
          "mer_1",
          "Shoes",
          "krn:partner:global:account:test:1",
          MerchantView.Status.ACTIVE,
          null,
          START,
          START,
          "UTC");

  /** What the partner asked, under which Idempotency-Key, to be replayed as it was. */
  record PartnerRequest(
      String key, Kind kind, String paymentId, String body, Long amount, String captureId) {}

  /** What the partner was answered. */
  record Answer(int status, String paymentId, String outcome) {}

  final long seed;
  final SimClock clock = new SimClock(START);
  final SimKlarna klarna;
  final SimStore store = new SimStore();
  SimStore.Queries queries;
  final List<String> violations = new ArrayList<>();

  /**
   * Events the gateway's inbox holds that a crash left unfinished (finding F7): the real inbox
   * stores and commits an event before Klarna gets its 200 and acts on it afterwards; one a crash
   * left WORKING is claimed again by the inbox sweep. The model dropped them with the crash.
   */
  final List<SimKlarna.Webhook> inbox = new ArrayList<>();

  /** Payments the partner was told ended failed or declined, and the step that told it. */
  final Map<String, String> toldFailed = new LinkedHashMap<>();

  final List<PartnerRequest> partnerLog = new ArrayList<>();

  /** The gateway's Idempotency-Key table: what is committed for each partner key. */
  final SimClaim.Keys partnerKeys = new SimClaim.Keys();

  /** The claim the filter left to the create being handled (null: the filter claimed). */
  private SimClaim resourceClaim;

  private final Deque<String> keyInUse = new ArrayDeque<>();

  /** When the faults stopped (the quiet end began). */
  Instant quietFrom;

  static long quietNanos;
  int crashes;

  /** Crashes past a step's 6th interaction (half-way through a long janitor pass, say). */
  int lateCrashes;

  /**
   * Transactions Klarna holds for a payment the gateway could not reach in time (finding F10): its
   * authorize unanswered, its webhook lost, and not asked again within Klarna's memory of the key;
   * the payment ended EXPIRED, alarmed for a person. Counted, not a violation.
   */
  int beyondReach;

  int faultsHit;
  int steps;

  private Step current;
  private int interactions;
  private int calls;
  private boolean inNested;
  private boolean quiet;

  TakingPayments taking;
  FinalAuthorization finalization;
  Cancelling cancelling;
  KlarnaSignalHandling signals;
  AfterAuthorization after;
  PaymentJanitor janitor;

  SimHistory(long seed) {
    this.seed = seed;
    this.klarna = new SimKlarna(clock, seed);
    store.beforeCommit = this::interaction;
    store.partnerKey = keyInUse::peek;
    klarna.callStarts = this::callStarts;
    klarna.faultFor = this::faultFor;
    klarna.acted = n -> interaction();
    klarna.caller = this::caller;
    wire();
  }

  /** The workers, as a (re)started server builds them: nothing kept but what is committed. */
  private void wire() {
    queries = new SimStore.Queries(store, clock);
    PaymentSettings settings = PaymentsWiring.settings();
    settings.authorizeGiveUpHours = 23;
    settings.janitorPassBudgetSeconds = 20;
    PaymentsWiring wiring =
        new PaymentsWiring(store, queries, new Directory(), klarna, settings, clock);
    finalization = wiring.finalization;
    signals = wiring.signals;
    cancelling = wiring.cancelling;
    taking = wiring.taking;
    after = wiring.after;
    janitor = wiring.janitor();
  }

  // -- the hooks SimStore and SimKlarna call -------------------------------------------------

  private void interaction() {
    if (current != null && current.crashAt() > 0 && ++interactions == current.crashAt()) {
      if (interactions > 6) {
        lateCrashes++;
      }
      throw new Crash();
    }
  }

  /** The step whose work is calling Klarna, as the cause of what Klarna does. */
  private String caller() {
    if (quiet) {
      return "the janitor (quiet end)";
    }
    if (current == null) {
      return "?";
    }
    Kind kind = inNested ? current.nested().kind() : current.kind();
    return switch (kind) {
      case CANCEL -> "a partner cancel";
      case CREATE_IN_STORE -> "a new sale's supersede";
      case JANITOR -> "the janitor";
      case REPLAY -> "a partner replay";
      default -> kind.name();
    };
  }

  private int callStarts() {
    int n = calls++;
    if (current != null && current.nested() != null && n == current.nestedAt() && !inNested) {
      inNested = true;
      try {
        perform(current.nested());
      } finally {
        inNested = false;
      }
    }
    return n;
  }

  private SimKlarna.Fault faultFor(int call) {
    if (current == null || quiet) {
      return null;
    }
    SimKlarna.Fault f = current.faults().get(call);
    if (f != null) {
      faultsHit++;
    }
    return f;
  }

  // -- running -------------------------------------------------------------------------------

  /** Plays the steps, checking the invariants after each, then the quiet end and its checks. */
  List<String> play(List<Step> history) {
    for (Step step : history) {
      step(step);
      Invariants.always(this);
      if (!violations.isEmpty()) {
        return violations;
      }
    }
    long t0 = System.nanoTime();
    quietEnd();
    quietNanos += System.nanoTime() - t0;
    Invariants.always(this);
    Invariants.onceQuiet(this);
    return violations;
  }

  void step(Step step) {
    steps++;
    if (klarna.trace != null) {
      klarna.trace("step " + step);
    }
    clock.advance(Duration.ofSeconds(2));
    current = step;
    interactions = 0;
    calls = 0;
    try {
      if (step.kind() == Kind.CRASH) {
        throw new Crash();
      }
      perform(step);
    } catch (Crash c) {
      klarna.trace("CRASH: the gateway restarts");
      crashes++;
      keyInUse.clear();
      wire();
    } finally {
      current = null;
    }
  }

  private void perform(Step s) {
    try {
      switch (s.kind()) {
        case CREATE_ONLINE, CREATE_IN_STORE -> partner(newCreate(s));
        case REPLAY -> {
          if (!partnerLog.isEmpty()) {
            partner(partnerLog.get(Math.floorMod(s.target(), partnerLog.size())));
          }
        }
        case CAPTURE, REFUND, RELEASE, CANCEL, OPERATOR_CAPTURE_BAD_AMOUNT -> {
          PartnerRequest r = newAfter(s);
          if (r != null) {
            partner(r);
          }
        }
        case SHOPPER_OPEN -> klarna.shopper(s.target(), "open");
        case SHOPPER_COMPLETE -> klarna.shopper(s.target(), "complete");
        case SHOPPER_DECLINE -> klarna.shopper(s.target(), "decline");
        case SHOPPER_ABORT -> klarna.shopper(s.target(), "abort");
        case RETURN -> payment(s.target()).ifPresent(id -> signals.returnFromKlarna(id));
        case WEBHOOK -> webhook(s.target(), s.variant());
        case JANITOR -> {
          sweepInbox();
          janitor.sweep();
        }
        case FINISH_SLOW_CALL -> klarna.finish(s.target());
        case CLOCK -> {
          Duration jump = jump(s.variant());
          if (jump.compareTo(SimKlarna.LONGEST_CALL) >= 0) {
            while (!klarna.inFlight.isEmpty()) {
              klarna.finish(0); // no call runs longer at Klarna than its idle time-out
            }
          }
          clock.advance(jump);
          klarna.tick();
        }
        case CRASH -> throw new Crash();
      }
    } catch (DomainError | KlarnaException expected) {
      // an answer to whoever asked (a 4xx/5xx, or a webhook Klarna sends again)
    } catch (RuntimeException e) {
      violations.add(
          "gateway failed unexpectedly: "
              + e
              + " at "
              + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?")
              + " during "
              + s);
    }
  }

  static Duration jump(int variant) {
    return switch (variant % 10) {
      case 0, 1, 2, 3 -> Duration.ofSeconds(30 + variant % 61);
      case 4 -> Duration.ofMinutes(5);
      case 5 -> Duration.ofMinutes(20);
      case 6 -> Duration.ofMinutes(61); // past the token
      case 7 -> Duration.ofHours(3).plusMinutes(1); // past the request's expiry
      case 8 -> Duration.ofHours(25); // past Klarna's memory of keys
      default -> Duration.ofDays(28).plusHours(1); // past the authorization's expiry
    };
  }

  private Optional<String> payment(int target) {
    if (store.payments.isEmpty()) {
      return Optional.empty();
    }
    List<String> ids = new ArrayList<>(store.payments.keySet());
    return Optional.of(ids.get(Math.floorMod(target, ids.size())));
  }

  private void webhook(int target, int variant) {
    if (klarna.webhooks.isEmpty()) {
      return;
    }
    int i = Math.floorMod(target, klarna.webhooks.size());
    SimKlarna.Webhook w = klarna.webhooks.get(i);
    int mode = variant % 10;
    klarna.trace(
        "webhook "
            + w
            + (mode >= 8 ? " lost" : mode == 7 ? " delivered (and again later)" : " delivered"));
    if (mode >= 8) {
      klarna.webhooks.remove(i); // lost
      return;
    }
    if (mode != 7) {
      klarna.webhooks.remove(i); // delivered (a duplicate stays queued)
    }
    deliver(w);
  }

  private void deliver(SimKlarna.Webhook w) {
    try {
      if (w.request() != null) {
        if ("COMPLETED".equals(w.request().state())) {
          SimKlarna.Pr pr = klarna.requests.get(w.request().id());
          if (pr != null) {
            pr.readOpenSinceTouch = false; // the gateway has been told
          }
        }
        signals.onPaymentRequest(w.request(), "webhook");
      } else {
        signals.onPaymentTransaction(w.transaction(), "webhook");
      }
    } catch (DomainError | KlarnaException e) {
      klarna.webhooks.add(w); // not acknowledged: Klarna sends it again later
      throw e;
    } catch (Crash c) {
      inbox.add(w); // stored before its 200: the inbox sweep acts on it again after the restart
      throw c;
    }
  }

  /** The inbox sweep: acts again on the events a crash left unfinished. */
  private void sweepInbox() {
    for (int n = inbox.size(); n > 0 && !inbox.isEmpty(); n--) {
      SimKlarna.Webhook w = inbox.remove(0); // a crash meanwhile leaves the rest in the inbox
      klarna.trace("inbox: event " + w + " acted on again");
      try {
        deliver(w);
      } catch (DomainError | KlarnaException e) {
        // put back by deliver, as the inbox keeps a failed event for later
      }
    }
  }

  // -- the partner ---------------------------------------------------------------------------

  private PartnerRequest newCreate(Step s) {
    long amount = 1000 + s.amount() % 20_000;
    String body;
    if (s.kind() == Kind.CREATE_ONLINE) {
      body =
          "{\"amount\":"
              + amount
              + ",\"currency\":\"USD\",\"reference\":\"r-"
              + s.seq()
              + "\",\"store_reference\":\"web-001\",\"return_url\":\"https://shop.example/done\""
              + (s.variant() % 4 == 0 ? ",\"capture_mode\":\"automatic\"" : "")
              + "}";
    } else {
      body =
          "{\"amount\":"
              + amount
              + ",\"currency\":\"USD\",\"reference\":\"r-"
              + s.seq()
              + "\",\"store_reference\":\"store-001\",\"terminal_reference\":\"till-"
              + (7 + s.variant() % 2)
              + "\""
              + (s.variant() % 5 == 0 ? ",\"capture_mode\":\"manual\"" : "")
              + "}";
    }
    PartnerRequest r = new PartnerRequest("key-" + s.seq(), s.kind(), null, body, null, null);
    partnerLog.add(r);
    return r;
  }

  private PartnerRequest newAfter(Step s) {
    Optional<String> id = payment(s.target());
    if (id.isEmpty()) {
      return null;
    }
    Payment p = store.payments.get(id.get());
    long total = p.money().amount();
    Long amount = s.variant() % 3 == 0 ? null : 1 + s.amount() % total;
    String captureId = null;
    if (s.kind() == Kind.REFUND && s.variant() % 5 == 1) {
      List<MoneyOperation> captures =
          store.operations(p.id()).stream()
              .filter(o -> o.kind() == MoneyOperation.Kind.CAPTURE && o.succeeded())
              .toList();
      if (!captures.isEmpty()) {
        captureId = captures.get(s.variant() % captures.size()).id();
      }
    }
    if (s.kind() == Kind.OPERATOR_CAPTURE_BAD_AMOUNT) {
      amount = s.variant() % 2 == 0 ? 0L : -(1 + s.amount() % 50_000);
    }
    PartnerRequest r =
        new PartnerRequest("key-" + s.seq(), s.kind(), p.id(), null, amount, captureId);
    partnerLog.add(r);
    return r;
  }

  /**
   * The partner API behind its Idempotency-Key filter: a key's kept answer is replayed, a key whose
   * request is still running is refused 409 until its claim is 120 s old (its server died), and a
   * 500 or 503 is not kept.
   */
  Answer partner(PartnerRequest r) {
    String hash =
        r.kind() + "|" + r.paymentId() + "|" + r.body() + "|" + r.amount() + "|" + r.captureId();
    boolean create = r.kind() == Kind.CREATE_ONLINE || r.kind() == Kind.CREATE_IN_STORE;
    // a create, a partner capture or refund writes the key's claim with its first write and the
    // answer with Klarna's answer (issue 31); a release or a cancel is claimed by the filter
    boolean byResource = create || r.kind() == Kind.CAPTURE || r.kind() == Kind.REFUND;
    SimClaim.Row entry = partnerKeys.rows.get(r.key());
    boolean takenOver = false;
    if (entry != null) {
      if (!entry.hash.equals(hash)) {
        return new Answer(422, r.paymentId(), "another body");
      }
      if (entry.answer != null) {
        return fromKept(entry.answer);
      }
      if (entry.claimedAt.plus(Duration.ofSeconds(120)).isAfter(clock.instant())) {
        return new Answer(409, r.paymentId(), "still running");
      }
      entry.claimedAt = clock.instant(); // taken over (a commit of its own)
      takenOver = true;
    } else if (!byResource) {
      entry = new SimClaim.Row(hash, clock.instant()); // claimed by the filter, auto-committed
      partnerKeys.rows.put(r.key(), entry);
    }
    SimClaim claim =
        byResource
            ? new SimClaim(store, partnerKeys, r.key(), hash, clock.instant(), takenOver)
            : null;
    resourceClaim = claim;
    keyInUse.push(r.key());
    if (klarna.trace != null && r.paymentId() != null) {
      store.operations.values().stream()
          .filter(o -> o.paymentId().equals(r.paymentId()))
          .forEach(
              o ->
                  klarna.trace(
                      "  op "
                          + o.id()
                          + " "
                          + o.kind()
                          + " "
                          + o.view().status()
                          + " key "
                          + o.partnerKey()));
    }
    Answer answer;
    try {
      answer = answer(r);
    } finally {
      keyInUse.remove(r.key());
    }
    if (klarna.trace != null) {
      klarna.trace("partner " + r.kind() + " " + r.key() + " answered " + answer);
    }
    if (r.kind() == Kind.CANCEL
        && answer.status() == 409
        && answer.outcome().contains("only a pending payment can be canceled")
        && r.key().equals(store.cancelKeys.get(r.paymentId()))) {
      violations.add(
          "cancel key answered differently: "
              + r.key()
              + " asked for the cancel of "
              + r.paymentId()
              + ", and its retry was answered "
              + answer);
    }
    if (claim == null
        || claim.state == SimClaim.State.HELD
        || claim.state == SimClaim.State.CLAIMED) {
      // the filter keeps the answer for the claim, or forgets the claim
      SimClaim.Row row = partnerKeys.rows.get(r.key());
      if (keeps(answer.status())) {
        if (row != null) {
          row.answer = toKept(answer);
        }
      } else {
        partnerKeys.rows.remove(r.key());
      }
    } else if (claim.state == SimClaim.State.TO_CLAIM && keeps(answer.status())) {
      SimClaim.Row row = new SimClaim.Row(hash, clock.instant()); // claim and answer at once
      row.answer = toKept(answer);
      partnerKeys.rows.putIfAbsent(r.key(), row);
    } else if (claim.state == SimClaim.State.LOST) {
      SimClaim.Row held = partnerKeys.rows.get(r.key()); // as the filter answers a lost claim
      answer =
          held == null || held.answer == null
              ? new Answer(409, r.paymentId(), "still running")
              : held.hash.equals(hash)
                  ? fromKept(held.answer)
                  : new Answer(422, r.paymentId(), "another body");
    }
    if (answer.paymentId() != null
        && ("failed".equals(answer.outcome()) || "declined".equals(answer.outcome()))) {
      toldFailed.putIfAbsent(answer.paymentId(), r.kind() + " " + r.key() + " → " + answer);
    }
    return answer;
  }

  /**
   * Whether the filter keeps an answer for its key, as the real one does ({@code
   * IdempotencyFilter.keeps}): not a 4xx (nothing was done), nor a 202, 500 or 503 (not finished,
   * or may not have: the gateway answers what the key started when it comes again).
   */
  static boolean keeps(int status) {
    return !(status == 202 || status == 500 || status == 503 || (status >= 400 && status < 500));
  }

  private Answer answer(PartnerRequest r) {
    // this request's claim: a request made while this one is at Klarna sets the field to its own
    SimClaim claim = resourceClaim;
    try {
      return switch (r.kind()) {
        case CREATE_ONLINE, CREATE_IN_STORE -> {
          NewPayment in = PaymentInput.read(r.body());
          PaymentView v =
              taking.create(
                  MERCHANT,
                  in,
                  r.key(),
                  r.body(),
                  new PartnerKey<>(claim, p -> toKept(new Answer(201, p.id(), p.status().wire()))));
          yield claim
              .answered()
              .map(SimHistory::fromKept)
              .orElse(new Answer(201, v.id(), v.status().wire()));
        }
        case CAPTURE ->
            answered(
                after.capture(
                    null,
                    r.paymentId(),
                    new NewCapture(r.amount(), List.of(), null),
                    Kind2.PARTNER,
                    "the partner",
                    r.key(),
                    bound(claim)),
                claim);
        case OPERATOR_CAPTURE_BAD_AMOUNT ->
            movement(
                after.capture(
                    null,
                    r.paymentId(),
                    new NewCapture(r.amount(), List.of(), null),
                    Kind2.OPERATOR,
                    "ann in the console",
                    null));
        case REFUND ->
            answered(
                after.refund(
                    null,
                    r.paymentId(),
                    new NewRefund(r.amount(), r.captureId(), "returned", List.of()),
                    Kind2.PARTNER,
                    "the partner",
                    r.key(),
                    bound(claim)),
                claim);
        case RELEASE ->
            movement(after.release(null, r.paymentId(), Kind2.PARTNER, "the partner", r.key()));
        case CANCEL -> {
          PaymentView v =
              cancelling.cancel(
                  null,
                  r.paymentId(),
                  Kind2.PARTNER,
                  TimelineEvent.CANCEL_REQUESTED,
                  "the partner",
                  r.key());
          yield new Answer(200, v.id(), v.status().wire());
        }
        default -> throw new IllegalArgumentException(r.kind().name());
      };
    } catch (KlarnaUnavailable e) {
      return new Answer(503, e.details().get("payment_id"), "unavailable");
    } catch (KlarnaRefused e) {
      String id = e.details().get("payment_id");
      boolean create = r.kind() == Kind.CREATE_ONLINE || r.kind() == Kind.CREATE_IN_STORE;
      return new Answer(502, id, create && id != null ? "failed" : "refused");
    } catch (Conflict e) {
      return new Answer(409, r.paymentId(), e.getMessage());
    } catch (InvalidInput e) {
      return new Answer(400, r.paymentId(), e.getMessage());
    } catch (IdempotencyClaim.IdempotencyKeyTaken e) {
      return new Answer(409, r.paymentId(), "claim lost"); // the filter answers it (partner)
    } catch (Unprocessable e) {
      return new Answer(422, r.paymentId(), e.getMessage());
    } catch (NotFound e) {
      return new Answer(404, r.paymentId(), e.getMessage());
    }
  }

  /** An answer as the key table keeps it, and back. */
  static IdempotencyClaim.Answer toKept(Answer a) {
    return new IdempotencyClaim.Answer(a.status(), a.outcome(), a.paymentId(), null);
  }

  static Answer fromKept(IdempotencyClaim.Answer a) {
    return new Answer(a.status(), a.location(), a.type());
  }

  /** A capture's or refund's key as the resource binds it: its answer, written with Klarna's. */
  private static PartnerKey<MoneyMovement> bound(SimClaim claim) {
    return new PartnerKey<>(claim, m -> toKept(movement(m)));
  }

  /** The answer the resource gives: the one its key kept, exactly, else the operation's. */
  private static Answer answered(MoneyMovement m, SimClaim claim) {
    return claim.answered().map(SimHistory::fromKept).orElse(movement(m));
  }

  private static Answer movement(MoneyMovement m) {
    return new Answer(
        "pending".equals(m.status()) ? 202 : 201, m.paymentId(), m.kind() + " " + m.status());
  }

  /** The timeline's kinds, named apart from the steps'. */
  private static final class Kind2 {
    static final TimelineEntry.Kind PARTNER = TimelineEntry.Kind.PARTNER;
    static final TimelineEntry.Kind OPERATOR = TimelineEntry.Kind.OPERATOR;
  }

  // -- the quiet end -------------------------------------------------------------------------

  /**
   * Faults stop: slow calls finish at Klarna, the webhooks still queued are delivered in order, and
   * the janitor runs, the clock moving on between passes, until nothing is pending.
   */
  void quietEnd() {
    quiet = true;
    quietFrom = clock.instant();
    klarna.trace("quiet: faults stop");
    while (!klarna.inFlight.isEmpty()) {
      klarna.finish(0);
    }
    for (int round = 0; round < 200 && !settled(); round++) {
      sweepInbox();
      deliverAll();
      try {
        janitor.sweep();
      } catch (RuntimeException e) {
        violations.add("janitor pass failed: " + e);
      }
      deliverAll();
      if (settled()) {
        break;
      }
      clock.advance(round < 8 ? Duration.ofSeconds(31) : untilNextDue());
      klarna.tick();
    }
  }

  /**
   * After the first few passes (which cover the retry, claim and token time-outs of what was under
   * way), the clock goes on to the next moment something is due: a request Klarna ends, an
   * operation or a late transaction to send again, an authorize to resume, and, while a shopper's
   * token is still good, every check the janitor has planned. At most an hour.
   */
  private Duration untilNextDue() {
    Instant now = clock.instant();
    List<Instant> due = new ArrayList<>();
    boolean tokenLive = false;
    for (SimKlarna.Pr pr : klarna.requests.values()) {
      boolean completed = pr.state == PaymentRequestState.COMPLETED;
      boolean open =
          pr.state == PaymentRequestState.SUBMITTED
              || pr.state == PaymentRequestState.IN_PROGRESS
              || (completed && pr.finalResult == null);
      if (open) {
        due.add(pr.expiresAt);
      }
      if (completed
          && pr.finalResult == null
          && pr.completedAt.plus(SimKlarna.TOKEN_WINDOW).isAfter(now)) {
        tokenLive = true;
      }
    }
    for (Payment p : store.payments.values()) {
      if (tokenLive || p.authorizing()) {
        due.add(SimStore.instant(p, "nextCheckAt", null));
      }
      Object late = SimStore.get(p, "late");
      due.add(late == null ? null : SimStore.instant(late, "nextAt", null));
    }
    for (MoneyOperation o : store.operations.values()) {
      due.add(o.pending() ? SimStore.instant(o, "nextTryAt", null) : null);
    }
    Instant next = now.plus(Duration.ofHours(1));
    for (Instant d : due) {
      if (d != null && d.isAfter(now) && d.isBefore(next)) {
        next = d;
      }
    }
    return Duration.between(now, next).plusSeconds(1);
  }

  private void deliverAll() {
    for (int i = 0; i < 200 && !klarna.webhooks.isEmpty(); i++) {
      SimKlarna.Webhook w = klarna.webhooks.remove(0);
      try {
        deliver(w);
      } catch (DomainError | KlarnaException e) {
        // queued again by deliver
      } catch (RuntimeException e) {
        violations.add("webhook " + w + " failed unexpectedly: " + e);
      }
    }
  }

  /** Nothing pending at the gateway, nothing on its way from Klarna. */
  boolean settled() {
    if (!klarna.webhooks.isEmpty() || !klarna.inFlight.isEmpty() || !inbox.isEmpty()) {
      return false;
    }
    for (Payment p : store.payments.values()) {
      if (p.status() == PaymentStatus.PENDING || p.voidingLate() || p.askingKlarna()) {
        return false;
      }
    }
    return store.operations.values().stream().noneMatch(MoneyOperation::pending);
  }

  // -- the merchant's stores -----------------------------------------------------------------

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
            START,
            START);
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
            START,
            START);

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
      if (!terminalReference.equals("till-7") && !terminalReference.equals("till-8")) {
        return Optional.empty();
      }
      return Optional.of(
          new TerminalView(
              "ter_" + terminalReference,
              "mer_1",
              "sto_shop",
              terminalReference,
              terminalReference,
              true,
              true,
              START,
              START,
              null,
              null));
    }

    @Override
    public TerminalView displayTerminal(String token) {
      return terminal("mer_1", "till-7").orElseThrow();
    }
  }
}
