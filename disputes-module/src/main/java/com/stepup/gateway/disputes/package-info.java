/**
 * Klarna's disputes against our payments: learned from Klarna's {@code payment.dispute.*} webhooks
 * and get-details (and a daily pass over Klarna's list), stored against the payment and capture,
 * answered by the merchant (attachments, evidence, appeal, accept), and the evidence pack assembled
 * from what the gateway holds. API: {@link com.stepup.gateway.disputes.Disputes} (partner API,
 * console), {@link com.stepup.gateway.disputes.KlarnaDisputeSignals} (the webhooks' port), {@link
 * com.stepup.gateway.disputes.DisputeNotice} (partner notifications). May use platform,
 * klarna-client, stores and payments' API ({@code PaymentDisputes}, {@code Payments}).
 */
package com.stepup.gateway.disputes;
