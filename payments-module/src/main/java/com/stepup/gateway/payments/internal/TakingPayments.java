package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.AuthorizeRequest;
import com.stepup.gateway.klarna.AuthorizeResult;
import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.payments.NewPayment;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.platform.CanonicalJson;
import com.stepup.gateway.platform.Ids;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.platform.errors.KlarnaRefused;
import com.stepup.gateway.platform.errors.KlarnaUnavailable;
import com.stepup.gateway.platform.errors.Unprocessable;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.StoreDirectory;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Taking a payment: the partner's request becomes a pending payment (its intent stored first), then
 * Klarna's initial authorize is sent, with no transaction open, under a key derived from the
 * payment, so a resumed request gets Klarna's first answer. A new sale on a till supersedes the
 * till's sale the shopper has not approved.
 */
@ApplicationScoped
class TakingPayments {

  private final PaymentRepository repository;
  private final PaymentQueries queries;
  private final StoreDirectory directory;
  private final KlarnaPayments klarna;
  private final PaymentSettings settings;
  private final Cancelling cancelling;
  private final Clock clock;

  @Inject
  TakingPayments(
      PaymentRepository repository,
      PaymentQueries queries,
      StoreDirectory directory,
      KlarnaPayments klarna,
      PaymentSettings settings,
      Cancelling cancelling,
      Clock clock) {
    this.repository = repository;
    this.queries = queries;
    this.directory = directory;
    this.klarna = klarna;
    this.settings = settings;
    this.cancelling = cancelling;
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected TakingPayments() {
    this(null, null, null, null, null, null, null);
  }

  PaymentView create(MerchantView merchant, NewPayment in, String idempotencyKey, String body) {
    return create(merchant, in, idempotencyKey, body, PartnerKey.none());
  }

  /**
   * Takes the payment, writing the partner key's claim with it and the partner's answer with
   * Klarna's answer (two commits); a key whose payment was answered before gets that payment's
   * answer written on its own.
   */
  PaymentView create(
      MerchantView merchant,
      NewPayment in,
      String idempotencyKey,
      String body,
      PartnerKey<PaymentView> key) {
    // the request as canonical JSON: the same body reordered or pretty-printed is the same request
    String hash = Ids.sha256(CanonicalJson.of(body));
    if (idempotencyKey != null) {
      Optional<Payment> earlier = queries.byIdempotencyKey(merchant.id(), idempotencyKey);
      if (earlier.isPresent()) {
        String stored = earlier.get().requestHash();
        // a payment taken before requests were compared as JSON keeps the hash of its bytes
        if (!stored.equals(hash) && !stored.equals(Ids.sha256(body))) {
          throw new Unprocessable(
              "This Idempotency-Key was first used with a different request; use a new key.");
        }
        if (earlier.get().authorizing()) {
          return authorize(earlier.get().id(), key);
        }
        key.answer(earlier.get().view());
        return earlier.get().view();
      }
    }
    StoreView store =
        directory
            .store(merchant.id(), in.storeIdOrReference())
            .orElseThrow(() -> new InvalidInput("store_reference", "names none of your stores"));
    TerminalView terminal = null;
    if (in.inStore()) {
      terminal =
          directory
              .terminal(merchant.id(), in.terminalReference())
              .filter(t -> t.storeId().equals(store.id()))
              .orElseThrow(
                  () ->
                      new InvalidInput(
                          "terminal_reference",
                          "names no terminal of store " + store.storeReference()));
      if (!terminal.active()) {
        throw new InvalidInput("terminal_reference", "the terminal is deactivated");
      }
      if (store.type() != StoreType.PHYSICAL_STORE) {
        throw new InvalidInput("store_reference", "an in-store payment needs a PHYSICAL_STORE");
      }
    }
    Payment p =
        Payment.start(
            Ids.next("pay"),
            new Payment.Order(
                merchant.id(),
                merchant.partnerAccountId(),
                in.inStore() ? Payment.Method.QR_CODE : Payment.Method.HANDOVER,
                new Money(in.amount(), in.currency()),
                in.reference(),
                store.id(),
                store.storeReference(),
                terminal == null ? null : terminal.id(),
                terminal == null ? null : terminal.terminalReference(),
                in.returnUrl(),
                in.appReturnUrl(),
                body,
                hash,
                idempotencyKey,
                captureMode(in)),
            clock.instant(),
            settings.policy());
    p.initialAuthorize()
        .beginAuthorize(clock.instant(), settings.policy()); // stored with the payment: one commit
    repository.insert(p, key::claimIt); // the claim first: a lost race waits on it, not the payment
    if (terminal != null) {
      for (String old : queries.supersedableOnTerminal(terminal.id(), p.id())) {
        cancelling.supersede(old, p.id(), terminal.terminalReference());
      }
    }
    return send(p, key);
  }

  /**
   * Re-sends, with the same key, the initial authorize of a stored payment and records the answer.
   */
  PaymentView authorize(String id) {
    return authorize(id, PartnerKey.none());
  }

  private PaymentView authorize(String id, PartnerKey<PaymentView> key) {
    boolean[] send = new boolean[1];
    Payment p =
        repository.change(
            id,
            q -> {
              key.claimIt();
              send[0] = q.initialAuthorize().beginAuthorize(clock.instant(), settings.policy());
              return q;
            },
            q -> {
              if (!send[0]) {
                key.answer(q.view()); // answered meanwhile, or too old to ask again
              }
            });
    return send[0] ? send(p, key) : p.view();
  }

  /**
   * Sends the initial authorize of a payment counted as authorizing, and records the answer, with
   * the partner's answer when it is final (a transaction whose state is in doubt is read first).
   */
  private PaymentView send(Payment p, PartnerKey<PaymentView> key) {
    String id = p.id();
    AuthorizeRequest request = request(p);
    JsonObject sent = request.toJson();
    try {
      AuthorizeResult result =
          klarna.authorize(
              p.partnerAccountId(), request, KlarnaCalls.idempotencyKey(id, "authorize"));
      Payment answered =
          repository.change(
              id,
              q -> {
                q.initialAuthorize()
                    .recordAuthorizeAnswer(
                        result,
                        KlarnaCalls.detail(sent, result.raw()),
                        clock.instant(),
                        settings.policy());
                return q;
              },
              q -> {
                if (!q.transactionUnclear()) {
                  key.answer(q.view());
                }
              });
      return KlarnaCalls.readIfUnclear(repository, klarna, clock, answered)
          ? repository.find(id).orElseThrow().view()
          : answered.view();
    } catch (KlarnaException e) {
      Payment failed =
          repository.change(
              id,
              q -> {
                q.initialAuthorize()
                    .recordAuthorizeFailure(
                        e,
                        KlarnaCalls.detail(sent, KlarnaCalls.error(e)),
                        clock.instant(),
                        settings.policy());
                return q;
              },
              q -> {
                if (q.status() != PaymentStatus.FAILED
                    && !(q.status() == PaymentStatus.PENDING && q.authorizing())) {
                  key.answer(q.view()); // another worker had Klarna's answer already
                }
              });
      if (failed.status() == PaymentStatus.PENDING && failed.authorizing()) {
        throw new KlarnaUnavailable(
                "Klarna did not answer in time. The payment is kept and will be resumed: poll it,"
                    + " or send the same request with the same Idempotency-Key.")
            .with("payment_id", id);
      }
      if (failed.status() != PaymentStatus.FAILED) {
        return failed.view(); // another worker had Klarna's answer already
      }
      throw new KlarnaRefused("Klarna refused the payment: " + e.describe()).with("payment_id", id);
    }
  }

  /** As asked, else the default: automatic in store (the goods leave at once), manual online. */
  static Payment.CaptureMode captureMode(NewPayment in) {
    if (in.captureMode() != null) {
      return Payment.CaptureMode.valueOf(in.captureMode().name());
    }
    return in.inStore() ? Payment.CaptureMode.AUTOMATIC : Payment.CaptureMode.MANUAL;
  }

  /** Klarna's authorize for the payment, rebuilt from the partner's request as stored. */
  private AuthorizeRequest request(Payment p) {
    StoreView store = directory.store(p.merchantId(), p.storeId()).orElseThrow();
    NewPayment in = PaymentInput.stored(p.requestBody());
    String storeId = store.onboarded() ? store.klarnaStoreId() : null;
    AuthorizeRequest.StepUp stepUp =
        p.method() == Payment.Method.QR_CODE
            ? AuthorizeRequest.StepUp.qrCode(
                p.id(), storeId, store.storeReference(), p.terminalReference())
            : AuthorizeRequest.StepUp.handover(
                p.id(),
                settings.baseUrl() + "/return/" + p.id(),
                p.appReturnUrl(),
                null, // online, Klarna asks for the store_reference (KLARNA-API.md Part three)
                store.storeReference());
    if (in.expiresInSeconds() != null) {
      stepUp = stepUp.expiring(Duration.ofSeconds(in.expiresInSeconds()));
    }
    return new AuthorizeRequest(
        p.money().currency(),
        p.money().amount(),
        p.id(),
        PurchaseData.of(p.view().reference(), in),
        new AuthorizeRequest.PartnerData(
            in.partnerToken(), in.networkData(), in.legacyTokenName(), in.legacyDataName()),
        stepUp,
        p.captureMode() == Payment.CaptureMode.AUTOMATIC);
  }
}
