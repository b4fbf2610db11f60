package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.klarna.KlarnaNotificationsClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Registers the gateway's own webhook at Klarna: a new signing key (kept before it is used), then a
 * webhook for {@code payment.request.state-change.*} at {@code gateway.public-base-url} {@code
 * /webhooks/klarna}. Run at start when {@code klarna.webhook.self-register} is on, or by an
 * operator through the admin API. Running it again rotates the key.
 */
@ApplicationScoped
class Registration {

  static final String EVENTS = "payment.request.state-change.*";
  private static final Logger LOG = Logger.getLogger(Registration.class.getName());

  @Inject KlarnaNotificationsClient klarna;
  @Inject SigningKeys keys;
  @Inject WebhookSettings settings;

  String register() {
    String url = settings.klarnaWebhookUrl();
    KlarnaNotificationsClient.SigningKey key = klarna.createSigningKey();
    keys.keep(key, url);
    String webhookId = klarna.subscribe(url, EVENTS, key.id());
    keys.webhookCreated(key.id(), webhookId);
    LOG.info(() -> "Klarna webhook " + webhookId + " registered for " + url + " with " + key.id());
    return webhookId;
  }

  /** At start: only when switched on and nothing is registered for this URL yet. */
  void registerIfNeeded() {
    if (settings.selfRegister() && keys.registeredWebhook(settings.klarnaWebhookUrl()).isEmpty()) {
      register();
    }
  }
}
