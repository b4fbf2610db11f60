package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaMoneyMove;
import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.klarna.KlarnaTransaction;
import com.stepup.gateway.payments.MoneyMovement;
import com.stepup.gateway.payments.NewCapture;
import com.stepup.gateway.payments.NewRefund;
import com.stepup.gateway.payments.TimelineEntry.Kind;
import com.stepup.gateway.payments.TimelineEvent;
import com.stepup.gateway.platform.errors.Conflict;
import com.stepup.gateway.platform.errors.KlarnaRefused;
import com.stepup.gateway.platform.errors.Unprocessable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Capture, refund and release, exactly once (ADR 0012): under the payment's row lock the payment
 * checks the amount against what is left, holds it and records the operation PENDING; Klarna is
 * called with no transaction open and the operation's id as {@code Klarna-Idempotency-Key}; the
 * answer is recorded under the lock again. A call left unanswered (no answer, a 5xx, a crash before
 * the answer was stored) stays PENDING, holding its amount, and the janitor sends it again with the
 * same key, so Klarna answers with what it did the first time.
 */
@ApplicationScoped
class AfterAuthorization {

  private final PaymentRepository repository;
  private final KlarnaPayments klarna;
  private final PaymentSettings settings;
  private final Clock clock;

  @Inject
  AfterAuthorization(
      PaymentRepository repository, KlarnaPayments klarna, PaymentSettings settings, Clock clock) {
    this.repository = repository;
    this.klarna = klarna;
    this.settings = settings;
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected AfterAuthorization() {
    this(null, null, null, null);
  }

  MoneyMovement capture(String merchantId, String paymentId, NewCapture in, Kind by, String who) {
    return capture(merchantId, paymentId, in, by, who, null);
  }

  MoneyMovement refund(String merchantId, String paymentId, NewRefund in, Kind by, String who) {
    return refund(merchantId, paymentId, in, by, who, null);
  }

  MoneyMovement release(String merchantId, String paymentId, Kind by, String who) {
    return release(merchantId, paymentId, by, who, null);
  }

  /**
   * A capture, bound to the partner's Idempotency-Key {@code key} (null: none): a key that began a
   * capture of this payment answers that capture, and never begins a second one.
   */
  MoneyMovement capture(
      String merchantId, String paymentId, NewCapture in, Kind by, String who, String key) {
    return capture(merchantId, paymentId, in, by, who, key, PartnerKey.none());
  }

  /**
   * The same, writing the partner key's claim with the capture (its first write) and the partner's
   * answer with Klarna's answer (two commits); a key whose capture began before gets that capture's
   * answer written on its own. A claim another request holds rolls the capture back before Klarna
   * is asked.
   */
  MoneyMovement capture(
      String merchantId,
      String paymentId,
      NewCapture in,
      Kind by,
      String who,
      String key,
      PartnerKey<MoneyMovement> partner) {
    repository.owned(merchantId, paymentId);
    String klarnaBody = MoneyBodies.capture(in);
    Started started =
        repository.change(
            paymentId,
            p -> {
              partner.claimIt(); // first: a lost race rolls back before anything is begun
              return earlier(paymentId, key, MoneyOperation.Kind.CAPTURE)
                  .orElseGet(
                      () -> {
                        MoneyOperation begun =
                            p.authorized()
                                .beginCapture(
                                    in.amount(),
                                    klarnaBody,
                                    by,
                                    who,
                                    clock.instant(),
                                    settings.claimTimeout(),
                                    repository.operations(paymentId));
                        MoneyBodies.checkLines(in.lineItems(), begun.amount());
                        begun.startedBy(key);
                        return new Started(begun, false);
                      });
            });
    return started.earlier() ? replay(started.op(), partner) : send(started.op().id(), partner);
  }

  MoneyMovement refund(
      String merchantId, String paymentId, NewRefund in, Kind by, String who, String key) {
    return refund(merchantId, paymentId, in, by, who, key, PartnerKey.none());
  }

  /** The same, binding the partner's key in the refund's own transactions, as a capture does. */
  MoneyMovement refund(
      String merchantId,
      String paymentId,
      NewRefund in,
      Kind by,
      String who,
      String key,
      PartnerKey<MoneyMovement> partner) {
    repository.owned(merchantId, paymentId);
    String klarnaBody = MoneyBodies.refund(in);
    Started started =
        repository.change(
            paymentId,
            p -> {
              partner.claimIt(); // first: a lost race rolls back before anything is begun
              Optional<Started> earlier = earlier(paymentId, key, MoneyOperation.Kind.REFUND);
              if (earlier.isPresent()) {
                return earlier.get();
              }
              MoneyOperation capture = null;
              long refundedOfCapture = 0;
              List<MoneyOperation> ops = repository.operations(paymentId);
              if (in.captureId() != null) {
                capture = MoneyOperation.succeededCapture(ops, in.captureId());
                refundedOfCapture = MoneyOperation.refundedOf(ops, in.captureId());
              }
              MoneyOperation begun =
                  p.authorized()
                      .beginRefund(
                          in.amount(),
                          capture,
                          refundedOfCapture,
                          in.reason(),
                          klarnaBody,
                          by,
                          who,
                          clock.instant(),
                          settings.claimTimeout(),
                          ops);
              MoneyBodies.checkLines(in.lineItems(), begun.amount());
              begun.startedBy(key);
              return new Started(begun, false);
            });
    return started.earlier() ? replay(started.op(), partner) : send(started.op().id(), partner);
  }

  MoneyMovement release(String merchantId, String paymentId, Kind by, String who, String key) {
    repository.owned(merchantId, paymentId);
    Started started =
        repository.change(
            paymentId,
            p ->
                earlier(paymentId, key, MoneyOperation.Kind.RELEASE)
                    .orElseGet(
                        () -> {
                          MoneyOperation begun =
                              p.authorized()
                                  .beginRelease(
                                      by,
                                      who,
                                      clock.instant(),
                                      settings.claimTimeout(),
                                      repository.operations(paymentId));
                          begun.startedBy(key);
                          return new Started(begun, false);
                        }));
    return started.earlier() ? replay(started.op()) : send(started.op().id());
  }

  /** An operation as a request starts it: new, or the one an earlier request with its key began. */
  private record Started(MoneyOperation op, boolean earlier) {}

  /**
   * The operation of this payment an earlier request with the partner's {@code key} started (read
   * under the payment's lock, so two requests with one key cannot both begin one). A key that
   * started another kind of operation is a different request: 422.
   */
  private Optional<Started> earlier(String paymentId, String key, MoneyOperation.Kind kind) {
    if (key == null) {
      return Optional.empty();
    }
    for (MoneyOperation o : repository.operations(paymentId)) {
      if (key.equals(o.partnerKey())) {
        if (!o.startedBy(key, kind)) {
          throw new Unprocessable(
              "This Idempotency-Key started a "
                  + o.kind().name().toLowerCase(Locale.ROOT)
                  + " of this payment; use a new key for a new request.");
        }
        return Optional.of(new Started(o, true));
      }
    }
    return Optional.empty();
  }

  /**
   * The answer to a repeat of a request whose operation exists: its outcome, a pending one asked of
   * Klarna again with its own key first; a refused one is refused again.
   */
  private MoneyMovement replay(MoneyOperation op) {
    return replay(op, PartnerKey.none());
  }

  /** The same, with the partner's answer written on its own (its claim committed before). */
  private MoneyMovement replay(MoneyOperation op, PartnerKey<MoneyMovement> partner) {
    if (op.pending()) {
      resend(op.id()); // with its Klarna key: Klarna answers what it did, or does it once
    }
    MoneyMovement m = repository.operation(op.id()).orElseThrow().view();
    if ("failed".equals(m.status())) {
      throw new Conflict(
          "This Idempotency-Key's " + m.kind() + " " + m.id() + " was refused: " + m.failure());
    }
    partner.answer(m);
    return m;
  }

  List<MoneyMovement> movements(String merchantId, String paymentId) {
    repository.owned(merchantId, paymentId);
    return repository.operations(paymentId).stream().map(MoneyOperation::view).toList();
  }

  /**
   * The janitor: an operation whose answer is overdue is sent again with its key, by whichever
   * worker takes it (the take is made under the payment's lock).
   */
  void resend(String operationId) {
    MoneyOperation due = repository.operation(operationId).orElse(null);
    if (due == null || !due.pending()) {
      return;
    }
    if (AuthorizedPayment.keyMayBeForgotten(due, clock.instant(), settings.policy())) {
      settleFromRead(due);
      return;
    }
    boolean taken =
        repository.changeOperation(
            operationId,
            (p, op) -> {
              if (!op.pending()) {
                return false;
              }
              op.attempt(clock.instant(), settings.claimTimeout());
              p.note(
                  Kind.JANITOR,
                  TimelineEvent.OPERATION_SENT_AGAIN,
                  clock.instant(),
                  op.kind().name().toLowerCase(Locale.ROOT),
                  op.id(),
                  op.attempts());
              return true;
            });
    if (taken) {
      send(operationId);
    }
  }

  /**
   * An operation Klarna may have forgotten the key of is never sent again: the transaction is read,
   * and the operation settled from what Klarna holds (simulation findings F3, F4). A failed read
   * changes nothing: the janitor reads again.
   */
  private void settleFromRead(MoneyOperation due) {
    Payment p = repository.find(due.paymentId()).orElseThrow();
    KlarnaTransaction t;
    try {
      t = klarna.readTransaction(p.partnerAccountId(), p.transactionId());
    } catch (KlarnaException unread) {
      return;
    }
    repository.changeOperation(
        due.id(),
        (q, op) -> {
          AuthorizedPayment a = q.authorized();
          List<MoneyOperation> stored = repository.operations(q.id());
          a.recordMoveFromRead(op, t, clock.instant(), stored);
          List<MoneyOperation> known =
              stored.stream().map(o -> o.id().equals(op.id()) ? op : o).toList();
          String source = "read for an unanswered " + op.kind().name().toLowerCase(Locale.ROOT);
          TransactionNews.learnMoves(a, t, known, source, clock.instant());
          a.learnTransaction(t, source, clock.instant());
          return null;
        });
  }

  /** What Klarna says of a transaction (a webhook, a read), applied to its payment. */
  void learn(String paymentId, KlarnaTransaction t, String source) {
    TransactionNews.apply(repository, paymentId, t, source, clock.instant());
  }

  /**
   * The janitor: reads a transaction our clock says Klarna has moved on (expired, or closed 7 days
   * after its expiry), to learn what Klarna did.
   */
  void readOverdue(String paymentId) {
    Payment p = repository.find(paymentId).orElse(null);
    if (p == null || !p.authorizationOverdue(clock.instant())) {
      return;
    }
    try {
      learn(paymentId, klarna.readTransaction(p.partnerAccountId(), p.transactionId()), "read");
      if (repository
          .find(paymentId)
          .filter(q -> q.authorizationOverdue(clock.instant()))
          .isPresent()) {
        // Klarna has not moved it on yet: read again later, not every janitor pass
        repository.change(
            paymentId,
            q -> {
              q.authorized().readTransactionAgainLater(clock.instant());
              return q;
            });
      }
    } catch (KlarnaException e) {
      repository.note(
          paymentId,
          clock.instant(),
          Kind.KLARNA_CALL,
          TimelineEvent.TRANSACTION_READ_FAILED,
          e.describe());
    }
  }

  /** One call to Klarna for the operation, with its key, and the payment's record of the answer. */
  private MoneyMovement send(String operationId) {
    return send(operationId, PartnerKey.none());
  }

  /**
   * The same, with the partner's answer written in the transaction that records Klarna's (a pending
   * operation's is not kept, nor a refusal's: the filter keeps or forgets those as for any
   * resource).
   */
  private MoneyMovement send(String operationId, PartnerKey<MoneyMovement> partner) {
    MoneyOperation op = repository.operation(operationId).orElseThrow();
    Payment p = repository.find(op.paymentId()).orElseThrow();
    JsonObject body = MoneyBodies.parse(op.klarnaBody());
    try {
      return switch (op.kind()) {
        case CAPTURE -> {
          KlarnaMoneyMove answer =
              klarna.capture(
                  p.partnerAccountId(),
                  p.transactionId(),
                  op.amount(),
                  MoneyBodies.array(body, "line_items"),
                  MoneyBodies.array(body, "shipping_info"),
                  op.id());
          yield moved(op, answer, partner);
        }
        case REFUND -> {
          KlarnaMoneyMove answer =
              klarna.refund(
                  p.partnerAccountId(),
                  p.transactionId(),
                  op.amount(),
                  op.captureId() == null ? null : klarnaCaptureId(op),
                  op.reason(),
                  MoneyBodies.array(body, "line_items"),
                  op.id());
          yield moved(op, answer, partner);
        }
        case RELEASE -> {
          KlarnaTransaction t =
              klarna.voidTransaction(p.partnerAccountId(), p.transactionId(), op.id());
          yield repository.changeOperation(
              operationId,
              (q, o) -> {
                q.authorized()
                    .recordReleased(o, t, null, clock.instant(), repository.operations(q.id()));
                return o.view();
              });
        }
      };
    } catch (KlarnaException e) {
      return failed(p, op, e);
    }
  }

  private MoneyMovement moved(
      MoneyOperation op, KlarnaMoneyMove answer, PartnerKey<MoneyMovement> partner) {
    String detail = KlarnaCalls.detail(MoneyBodies.parse(op.klarnaBody()), answer.raw());
    return repository.changeOperation(
        op.id(),
        (q, o) -> {
          q.authorized()
              .recordMoved(o, answer, detail, clock.instant(), repository.operations(q.id()));
          MoneyMovement m = o.view();
          partner.answer(m); // commits with Klarna's answer, or is lost with it
          return m;
        });
  }

  /**
   * Klarna did not do it, or not yet. Unknown (no answer, a 5xx, a 429): sent again later with the
   * same key (202 to the caller). In flight (a 409): a refusal only if the transaction, read now,
   * is in a state that forbids the operation; else it is the same key still running, asked again
   * later. Refused (any other 4xx): the operation fails and its hold is let go.
   */
  private MoneyMovement failed(Payment p, MoneyOperation op, KlarnaException e) {
    String detail = KlarnaCalls.detail(MoneyBodies.parse(op.klarnaBody()), KlarnaCalls.error(e));
    boolean refused =
        e.refused() || (e.outcome() == KlarnaException.Outcome.IN_FLIGHT && stateForbids(p, op));
    MoneyMovement after =
        repository.changeOperation(
            op.id(),
            (q, o) -> {
              if (refused) {
                q.authorized()
                    .recordMoveRefused(
                        o, e, detail, clock.instant(), repository.operations(q.id()));
              } else {
                q.authorized()
                    .recordMoveUnanswered(o, e, detail, clock.instant(), settings.policy());
              }
              return o.view();
            });
    if (!refused) {
      return after;
    }
    String what = op.kind().name().toLowerCase(Locale.ROOT);
    if (e.aboutTheResource()) {
      throw new Conflict("Klarna refused the " + what + ": " + e.describe());
    }
    throw new KlarnaRefused("Klarna refused the " + what + ": " + e.describe());
  }

  /** Reads the transaction after a 409, learns its state, and says if it forbids {@code op}. */
  private boolean stateForbids(Payment p, MoneyOperation op) {
    try {
      KlarnaTransaction t = klarna.readTransaction(p.partnerAccountId(), p.transactionId());
      learn(p.id(), t, "read after a 409");
      return op.kind().forbiddenIn(t.state());
    } catch (KlarnaException unread) {
      return false; // unknown: keep the hold, try again later with the same key
    }
  }

  private String klarnaCaptureId(MoneyOperation refund) {
    return repository
        .operation(refund.captureId())
        .map(MoneyOperation::klarnaId)
        .orElseThrow(() -> new IllegalStateException("no capture " + refund.captureId()));
  }
}
