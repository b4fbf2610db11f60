package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.KlarnaWire;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Each {@link KlarnaApi} call on the wire: its method, path, headers and body, over {@link
 * KlarnaConnections}. The paths of capture, refund and void are inferred (KLARNA-API.md §10.2) and
 * live here, in one place, to change when Klarna's OpenAPI file is at hand. Path parameters are
 * encoded as one path segment each; a query parameter without a value is left out.
 */
final class KlarnaEndpoints implements KlarnaApi {

  private static final String KEY = "Klarna-Idempotency-Key";
  private static final Map<String, String> NO_HEADERS = Map.of();

  private final KlarnaConnections wire;

  KlarnaEndpoints(KlarnaConnections wire) {
    this.wire = wire;
  }

  @Override
  public JsonObject createStore(String account, String idempotencyKey, JsonObject store) {
    return post("v2/accounts/" + seg(account) + "/stores", idempotencyKey, store);
  }

  @Override
  public JsonObject stores(String account) {
    return get("v2/accounts/" + seg(account) + "/stores");
  }

  @Override
  public JsonObject updateStore(
      String account, String storeId, String idempotencyKey, JsonObject changes) {
    return wire.send(
        "PATCH",
        "v2/accounts/" + seg(account) + "/stores/" + seg(storeId),
        key(idempotencyKey),
        KlarnaConnections.Body.json(changes));
  }

  @Override
  public JsonObject authorize(
      String account,
      String idempotencyKey,
      String networkSessionToken,
      String paymentToken,
      String interoperabilityToken,
      JsonObject body) {
    Map<String, String> headers = new HashMap<>(8);
    headers.put(KEY, idempotencyKey);
    headers.put(KlarnaWire.NETWORK_SESSION_TOKEN, networkSessionToken);
    headers.put("Klarna-Payment-Token", paymentToken);
    headers.put(KlarnaWire.INTEROPERABILITY_TOKEN, interoperabilityToken);
    return wire.send(
        "POST",
        "v2/accounts/" + seg(account) + "/payment/authorize",
        headers,
        KlarnaConnections.Body.json(body));
  }

  @Override
  public JsonObject paymentRequest(String account, String id) {
    return get("v2/accounts/" + seg(account) + "/payment/requests/" + seg(id));
  }

  @Override
  public JsonObject cancelPaymentRequest(String account, String id) {
    return wire.send(
        "DELETE", "v2/accounts/" + seg(account) + "/payment/requests/" + seg(id), NO_HEADERS, null);
  }

  @Override
  public JsonObject transaction(String account, String id) {
    return get(transactionPath(account, id));
  }

  @Override
  public JsonObject capture(
      String account, String transactionId, String idempotencyKey, JsonObject capture) {
    return post(transactionPath(account, transactionId) + "/captures", idempotencyKey, capture);
  }

  @Override
  public JsonObject refundTransaction(
      String account, String transactionId, String idempotencyKey, JsonObject refund) {
    return post(transactionPath(account, transactionId) + "/refunds", idempotencyKey, refund);
  }

  @Override
  public JsonObject refundCapture(
      String account,
      String transactionId,
      String captureId,
      String idempotencyKey,
      JsonObject refund) {
    return post(
        transactionPath(account, transactionId) + "/captures/" + seg(captureId) + "/refunds",
        idempotencyKey,
        refund);
  }

  @Override
  public JsonObject voidTransaction(
      String account, String transactionId, String idempotencyKey, JsonObject empty) {
    return post(transactionPath(account, transactionId) + "/void", idempotencyKey, empty);
  }

  @Override
  public JsonObject createSigningKey(String idempotencyKey, JsonObject empty) {
    return post("v2/notification/signing-keys", idempotencyKey, empty);
  }

  @Override
  public void deleteSigningKey(String id) {
    wire.sendIgnoringAnswer("DELETE", "v2/notification/signing-keys/" + seg(id), NO_HEADERS, null);
  }

  @Override
  public JsonObject createWebhook(String idempotencyKey, JsonObject webhook) {
    return post("v2/notification/webhooks", idempotencyKey, webhook);
  }

  @Override
  public JsonObject webhooks() {
    return get("v2/notification/webhooks");
  }

  @Override
  public JsonObject webhook(String id) {
    return get("v2/notification/webhooks/" + seg(id));
  }

  @Override
  public JsonObject updateWebhook(String id, String idempotencyKey, JsonObject changes) {
    return wire.send(
        "PATCH",
        "v2/notification/webhooks/" + seg(id),
        key(idempotencyKey),
        KlarnaConnections.Body.json(changes));
  }

  @Override
  public JsonObject payouts(String startDate, int size, int offset) {
    return get(
        "settlements/v1/payouts"
            + query("start_date", startDate, "size", size, "offset", offset, null, null));
  }

  @Override
  public JsonObject settlementTransactions(String paymentReference, int size, int offset) {
    return get(
        "settlements/v1/transactions"
            + query(
                "payment_reference", paymentReference, "size", size, "offset", offset, null, null));
  }

  @Override
  public JsonObject dispute(String id) {
    return get("v4/payment/disputes/" + seg(id));
  }

  @Override
  public JsonObject disputes(String updatedAtStart, String sortBy, String startingAfter, int size) {
    return get(
        "v4/payment/disputes"
            + query(
                "updated_at_start",
                updatedAtStart,
                "sort_by[]",
                sortBy,
                "starting_after",
                startingAfter,
                "size",
                size));
  }

  /**
   * A {@code multipart/form-data} body built by {@link MultipartBody}, its boundary named in the
   * Content-Type.
   */
  @Override
  public JsonObject uploadDisputeAttachment(String id, String idempotencyKey, byte[] multipart) {
    String boundary = MultipartBody.boundaryOf(multipart);
    String type = "multipart/form-data" + (boundary == null ? "" : "; boundary=" + boundary);
    return wire.send(
        "POST",
        "v4/payment/disputes/" + seg(id) + "/attachments",
        key(idempotencyKey),
        new KlarnaConnections.Body(multipart, type));
  }

  @Override
  public JsonObject representDispute(String id, String idempotencyKey, JsonObject evidence) {
    return post("v4/payment/disputes/" + seg(id) + "/represent", idempotencyKey, evidence);
  }

  @Override
  public JsonObject appealDispute(String id, String idempotencyKey, JsonObject appeal) {
    return post("v4/payment/disputes/" + seg(id) + "/appeal", idempotencyKey, appeal);
  }

  @Override
  public JsonObject acceptDisputeLoss(String id, String idempotencyKey, JsonObject empty) {
    return post("v4/payment/disputes/" + seg(id) + "/accept-loss", idempotencyKey, empty);
  }

  private JsonObject get(String path) {
    return wire.send("GET", path, NO_HEADERS, null);
  }

  private JsonObject post(String path, String idempotencyKey, JsonObject body) {
    return wire.send("POST", path, key(idempotencyKey), KlarnaConnections.Body.json(body));
  }

  private static String transactionPath(String account, String id) {
    return "v2/accounts/" + seg(account) + "/payment/transactions/" + seg(id);
  }

  private static Map<String, String> key(String idempotencyKey) {
    return idempotencyKey == null ? NO_HEADERS : Map.of(KEY, idempotencyKey);
  }

  /**
   * One path segment, percent-encoded (RFC 3986): unreserved characters, sub-delimiters, {@code :}
   * and {@code @} stay as they are (Klarna's ids are {@code krn:...}); a {@code /} is encoded.
   */
  static String seg(String value) {
    if (value == null) {
      throw new IllegalArgumentException("a path parameter has no value");
    }
    for (int i = 0; i < value.length(); i++) {
      if (!pchar(value.charAt(i))) {
        return encoded(value);
      }
    }
    return value; // Klarna's ids, as they are
  }

  private static String encoded(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (pchar(c)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
    return out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean pchar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
  }

  /** {@code ?name=value&...} of the pairs whose value is not null; names and values encoded. */
  static String query(Object... pairs) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i] == null || pairs[i + 1] == null) {
        continue;
      }
      q.append(q.length() == 0 ? '?' : '&')
          .append(form(pairs[i].toString()))
          .append('=')
          .append(form(pairs[i + 1].toString()));
    }
    return q.toString();
  }

  private static String form(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
