package com.stepup.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The tokens a Payment Request gets at COMPLETED (a Klarna Network Session Token and a payment
 * token) and the final authorization made with one: valid {@link #TOKEN_WINDOW} after COMPLETED,
 * one at a time, and the same result on every repeat. Also the APPROVED answer, which the initial
 * authorize gives too.
 */
@ApplicationScoped
public class FinalAuthorizations {

  static final Duration TOKEN_WINDOW = Duration.ofMinutes(60);

  /**
   * The fields of {@code payment_transaction} in an APPROVED answer, as Klarna documents them
   * (KLARNA-API.md §1.4, and {@code payment_captures} of an auto-capture, §10.2): no {@code state},
   * no amounts captured or refunded. A gateway learns the state from the captures, or by reading
   * the transaction.
   */
  static final List<String> APPROVED_TRANSACTION_FIELDS =
      List.of(
          "payment_transaction_id",
          "payment_transaction_reference",
          "amount",
          "currency",
          "payment_funding",
          "payment_pricing",
          "expires_at",
          "payment_captures");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SandboxClock clock;
  private final Transactions transactions;

  private final Map<String, PaymentRequest> byToken = new ConcurrentHashMap<>();

  @Inject
  FinalAuthorizations(SandboxClock clock, Transactions transactions) {
    this.clock = clock;
    this.transactions = transactions;
  }

  /** For CDI's client proxy only. */
  protected FinalAuthorizations() {
    this(null, null);
  }

  /** Whether this header value is a token the sandbox minted (so the call is a final one). */
  public boolean isMintedToken(String token) {
    return token != null && byToken.containsKey(token);
  }

  /** Mints the request's two tokens as it becomes COMPLETED; called under the request's lock. */
  void mint(PaymentRequest request) {
    request.networkSessionToken = "krn:payment:eu1:klarna-network-session-token:" + randomToken();
    request.paymentToken = "krn:payment:eu1:payment-token:" + randomToken();
    byToken.put(request.networkSessionToken, request);
    byToken.put(request.paymentToken, request);
  }

  /** Forgets the tokens of the requests that are forgotten. */
  void forget(Predicate<PaymentRequest> old) {
    byToken.values().removeIf(old);
  }

  /**
   * The final authorize with a token minted at COMPLETED, named by {@code header}; {@code
   * whileHeld} runs once this call holds the token (the idempotency check).
   */
  public JsonObject authorize(
      String account,
      String header,
      String token,
      JsonObject body,
      String outcome,
      Runnable whileHeld) {
    PaymentRequest request = byToken.get(token);
    if (request == null || !request.partnerAccountId.equals(account)) {
      throw KlarnaError.validation(header, "is not a valid token");
    }
    if (!request.finalizing.compareAndSet(false, true)) {
      throw KlarnaError.conflict("A final authorization with this token is in progress.");
    }
    try {
      whileHeld.run();
      synchronized (request) {
        if (request.finalResult != null) {
          return request.finalResult; // idempotent: the same token gives the same result
        }
        Instant now = clock.instant();
        if (request.state != PaymentRequestState.COMPLETED) {
          throw KlarnaError.validation(
              header, "is no longer valid: the payment request is " + request.state);
        }
        if (now.isAfter(request.completedAt.plus(TOKEN_WINDOW))) {
          throw KlarnaError.validation(header, "has expired (valid 60 minutes after COMPLETED)");
        }
        AuthorizeValidation.Final checked = AuthorizeValidation.finalBody(body);
        if (checked.amount() != request.amount || !request.currency.equals(checked.currency())) {
          throw KlarnaError.validation(
              "request_payment_transaction.amount",
              "amount and currency must match the payment request ("
                  + request.amount
                  + " "
                  + request.currency
                  + ")");
        }
        JsonObject transaction = checked.transaction();
        String reference =
            transaction.getString("payment_transaction_reference", request.transactionReference);
        request.finalResult =
            "DECLINED".equals(outcome)
                ? declined()
                : approved(
                    account,
                    reference,
                    checked.amount(),
                    checked.currency(),
                    AuthorizeValidation.captureNow(transaction),
                    AuthorizeValidation.email(
                        checked.purchase() != null ? checked.purchase() : request.purchaseData));
        return request.finalResult;
      }
    } finally {
      request.finalizing.set(false);
    }
  }

  static JsonObject declined() {
    return Json.createObjectBuilder()
        .add(
            "payment_transaction_response",
            Json.createObjectBuilder().add("result", "DECLINED").add("result_reason", "DECLINED"))
        .build();
  }

  /** APPROVED: a new transaction, shown with the fields Klarna documents for this answer. */
  JsonObject approved(
      String account,
      String reference,
      long amount,
      String currency,
      boolean captureNow,
      String email) {
    JsonObject full = transactions.create(account, reference, amount, currency, captureNow, email);
    var documented = Json.createObjectBuilder();
    for (String field : APPROVED_TRANSACTION_FIELDS) {
      if (field.equals("payment_captures")) {
        var captures = Json.createArrayBuilder();
        for (JsonObject c : full.getJsonArray(field).getValuesAs(JsonObject.class)) {
          captures.add(
              Json.createObjectBuilder()
                  .add("payment_capture_id", c.getString("payment_capture_id"))
                  .add("amount", c.getJsonNumber("amount").longValue()));
        }
        if (captureNow) {
          documented.add(field, captures);
        }
      } else if (full.containsKey(field)) {
        documented.add(field, full.get(field));
      }
    }
    return Json.createObjectBuilder()
        .add(
            "payment_transaction_response",
            Json.createObjectBuilder()
                .add("result", "APPROVED")
                .add("payment_transaction", documented))
        .build();
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
