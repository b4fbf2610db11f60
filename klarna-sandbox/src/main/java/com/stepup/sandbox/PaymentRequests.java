package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Klarna's side of a payment up to the step-up's end: the initial authorize (APPROVED, DECLINED or
 * a Payment Request for the step-up), and the Payment Request's life, moved by a {@link
 * ShopperAction} or the clock through {@link PaymentRequestState}'s transitions. At COMPLETED
 * {@link FinalAuthorizations} mints the tokens the final authorization takes.
 */
@ApplicationScoped
public class PaymentRequests {

  /**
   * A request that is over (final, or COMPLETED) is forgotten this long (sandbox time) after its
   * last change; by then its token has long expired.
   */
  static final Duration RETENTION = Duration.ofHours(48);

  private final SandboxClock clock;
  private final SandboxStores stores;
  private final AuthorizeValidation validation;
  private final FinalAuthorizations finalAuthorizations;
  private final Webhooks webhooks;

  private final Map<String, PaymentRequest> byId = new ConcurrentHashMap<>();
  private final Map<String, PaymentRequest> byUuid = new ConcurrentHashMap<>();

  @Inject
  PaymentRequests(
      SandboxClock clock,
      SandboxStores stores,
      AuthorizeValidation validation,
      FinalAuthorizations finalAuthorizations,
      Webhooks webhooks) {
    this.clock = clock;
    this.stores = stores;
    this.validation = validation;
    this.finalAuthorizations = finalAuthorizations;
    this.webhooks = webhooks;
  }

  /** For CDI's client proxy only. */
  protected PaymentRequests() {
    this(null, null, null, null, null);
  }

  /** The initial authorize. {@code outcome} is the Sandbox-Outcome header, or null. */
  public JsonObject authorize(String account, JsonObject body, String outcome, String baseUrl) {
    AuthorizeValidation.Initial a = validation.initial(account, body);
    String result = chooseOutcome(outcome, a.amount(), a.stepUp() != null);
    Instant now = clock.instant();
    if ("DECLINED".equals(result)) {
      return FinalAuthorizations.declined();
    }
    if ("APPROVED".equals(result)) {
      return finalAuthorizations.approved(
          account,
          a.transactionReference(),
          a.amount(),
          a.currency(),
          a.captureNow(),
          AuthorizeValidation.email(a.purchase()));
    }
    onboardInlineStore(account, a.interaction());
    String uuid = UUID.randomUUID().toString();
    var request =
        new PaymentRequest(
            uuid,
            account,
            a.amount(),
            a.currency(),
            a.transactionReference(),
            a.stepUp().getString("payment_request_reference", null),
            a.interaction().getString("method"),
            a.interaction(),
            a.purchase(),
            baseUrl,
            now,
            now.plus(a.expiry()));
    byId.put(request.id, request);
    byUuid.put(uuid, request);
    webhooks.publish(request, PaymentRequestState.SUBMITTED);
    return Json.createObjectBuilder()
        .add(
            "payment_transaction_response",
            Json.createObjectBuilder().add("result", "STEP_UP_REQUIRED"))
        .add("payment_request", request.toJson())
        .build();
  }

  public PaymentRequest get(String account, String id) {
    PaymentRequest request = byId.get(id);
    if (request == null || (account != null && !request.partnerAccountId.equals(account))) {
      throw KlarnaError.notFound("Payment request " + id);
    }
    expireIfDue(request);
    return request;
  }

  public Optional<PaymentRequest> byUuid(String uuid) {
    Optional<PaymentRequest> request = Optional.ofNullable(byUuid.get(uuid));
    request.ifPresent(this::expireIfDue);
    return request;
  }

  public Collection<PaymentRequest> all() {
    return byId.values();
  }

  public PaymentRequest update(String account, String id, JsonObject patch) {
    PaymentRequest request = get(account, id);
    synchronized (request) {
      if (request.state != PaymentRequestState.SUBMITTED) {
        throw KlarnaError.conflict(
            "Only a SUBMITTED payment request can be updated; it is " + request.state + ".");
      }
      if (patch.containsKey("payment_request_reference")) {
        request.reference = patch.getString("payment_request_reference");
      }
      request.updatedAt = clock.instant();
    }
    return request;
  }

  /** A state change the shopper or Klarna makes (journey page, test controls, expiry, cancel). */
  public PaymentRequest move(PaymentRequest request, ShopperAction action, String paymentOption) {
    PaymentRequestState target = action.target;
    synchronized (request) {
      if (action == ShopperAction.COMPLETE && request.state == PaymentRequestState.SUBMITTED) {
        // a shopper who never "opened" still passes through IN_PROGRESS
        request.moveTo(PaymentRequestState.IN_PROGRESS, null, clock.instant());
        webhooks.publish(request, PaymentRequestState.IN_PROGRESS);
      }
      if (action == ShopperAction.CANCEL
          && request.state == PaymentRequestState.COMPLETED
          && request.finalResult != null) {
        throw KlarnaError.conflict("The payment request has been authorized.");
      }
      Instant now = clock.instant();
      request.moveTo(target, action.reason, now);
      if (target == PaymentRequestState.COMPLETED) {
        request.completedAt = now;
        request.paymentOption = paymentOption;
        finalAuthorizations.mint(request);
      }
    }
    webhooks.publish(request, target);
    return request;
  }

  /**
   * Moves every overdue request to EXPIRED, and forgets requests final for {@link #RETENTION}, so a
   * long-running sandbox does not grow without bound; run by the {@link SandboxTicker}.
   */
  void sweep() {
    byId.values().forEach(this::expireIfDue);
    Instant forgetBefore = clock.instant().minus(RETENTION);
    Predicate<PaymentRequest> old =
        r -> {
          synchronized (r) {
            return (r.state.isFinal() || r.state == PaymentRequestState.COMPLETED)
                && r.updatedAt.isBefore(forgetBefore);
          }
        };
    if (byId.values().removeIf(old)) {
      byUuid.values().removeIf(old);
      finalAuthorizations.forget(old);
    }
  }

  private void expireIfDue(PaymentRequest request) {
    boolean expire;
    synchronized (request) {
      expire =
          !request.state.isFinal()
              && request.finalResult == null
              && !clock.instant().isBefore(request.expiresAt)
              && request.state.canMoveTo(PaymentRequestState.EXPIRED);
      if (expire) {
        request.moveTo(PaymentRequestState.EXPIRED, null, clock.instant());
      }
    }
    if (expire) {
      webhooks.publish(request, PaymentRequestState.EXPIRED);
    }
  }

  /** The URL Klarna sends the shopper back to, with its placeholders filled in. */
  public static String expandReturnUrl(PaymentRequest request) {
    String url = request.returnUrl();
    if (url == null) {
      return null;
    }
    synchronized (request) {
      return url.replace("{klarna.payment_request.id}", enc(request.id))
          .replace("{klarna.payment_request.state}", enc(request.state.name()))
          .replace(
              "{klarna.payment_request.klarna_network_session_token}",
              enc(request.networkSessionToken == null ? "" : request.networkSessionToken))
          .replace(
              "{klarna.payment_request.payment_token}",
              enc(request.paymentToken == null ? "" : request.paymentToken))
          .replace(
              "{klarna.payment_request.payment_request_reference}",
              enc(request.reference == null ? "" : request.reference));
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String chooseOutcome(String header, long amount, boolean stepUp) {
    String result;
    if (header != null && List.of("APPROVED", "DECLINED", "STEP_UP_REQUIRED").contains(header)) {
      result = header;
    } else if (amount % 100 == 1) {
      result = "DECLINED";
    } else if (amount % 100 == 2) {
      result = "APPROVED";
    } else {
      result = stepUp ? "STEP_UP_REQUIRED" : "APPROVED";
    }
    // Klarna never asks for a step-up it was not offered
    return "STEP_UP_REQUIRED".equals(result) && !stepUp ? "DECLINED" : result;
  }

  private void onboardInlineStore(String account, JsonObject interaction) {
    JsonObject poc =
        interaction == null ? null : AuthorizeValidation.object(interaction, "point_of_checkout");
    JsonObject inline = poc == null ? null : AuthorizeValidation.object(poc, "store");
    if (inline != null
        && stores.byReference(account, inline.getString("store_reference")).isEmpty()) {
      stores.create(account, inline);
    }
  }
}
