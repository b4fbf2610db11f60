package com.stepup.gateway.webhooks;

/**
 * Klarna webhooks as the gateway has seen them: accepted events, repeats of an event already
 * stored, refusals at the door (of which bad signatures and unknown keys), events still waiting or
 * that could not be acted on, and whether the gateway's own webhook is registered at Klarna.
 */
public record KlarnaWebhookHealth(
    long received,
    long duplicates,
    long rejected,
    long rejectedSignatures,
    long waiting,
    long failed,
    String registeredWebhookId) {}
