package com.stepup.gateway.webhooks;

/** The Klarna side of the module, for the console and the admin API. */
public interface KlarnaWebhooks {

  KlarnaWebhookHealth health();

  /**
   * Creates a signing key and the gateway's webhook at Klarna (or moves the existing webhook to the
   * new key); answers the webhook id.
   */
  String register();
}
