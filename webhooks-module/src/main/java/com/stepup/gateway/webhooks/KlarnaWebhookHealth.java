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
    String registeredWebhookId,
    long receivedLastHour,
    long rejectedSignaturesLastHour) {

  /**
   * What an operator must look at now, or null: Klarna's events failing the signature check while
   * none gets through means payments move only by the janitor's reads (a lost or changed signing
   * key).
   */
  public String alarm() {
    return rejectedSignaturesLastHour > 0 && receivedLastHour == 0
        ? rejectedSignaturesLastHour
            + " Klarna webhooks in the last hour failed the signature check and none was accepted:"
            + " check the signing key (re-register the webhook)"
        : null;
  }
}
