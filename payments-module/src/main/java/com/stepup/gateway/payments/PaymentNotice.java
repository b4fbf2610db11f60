package com.stepup.gateway.payments;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * A CDI event fired inside the transaction of a change the partner is told of (a final status, a
 * capture, a refund, a release, an expired authorization), so that an observer's writes (the
 * partner notification outbox) commit or roll back with the change itself.
 *
 * @param eventType {@code payment.authorized}, {@code payment.captured}, ...
 * @param data the event's data: the partner API's payment object, as {@code GET
 *     /api/v1/payments/{id}} answers it, with the capture, refund or release under its own name
 */
public record PaymentNotice(
    String paymentId, String merchantId, String eventType, JsonObject data, Instant at) {}
