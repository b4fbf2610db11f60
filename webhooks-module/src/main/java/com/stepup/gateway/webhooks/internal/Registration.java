package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.klarna.KlarnaNotifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Registers the gateway's own webhook at Klarna: a new signing key (kept before it is used), then a
 * webhook for {@code payment.request.state-change.*} and {@code payment.transaction.state-change.*}
 * at {@code gateway.public-base-url} {@code /webhooks/klarna}. Run at start when {@code
 * klarna.webhook.self-register} is on, or by an operator through the admin API. Running it again
 * rotates the key.
 */
@ApplicationScoped
class Registration {

  static final java.util.List<String> EVENTS =
      java.util.List.of("payment.request.state-change.*", "payment.transaction.state-change.*");
  private static final Logger LOG = Logger.getLogger(Registration.class.getName());

  @Inject KlarnaNotifications klarna;
  @Inject SigningKeys keys;
  @Inject WebhookSettings settings;

  String register() {
    String url = settings.klarnaWebhookUrl();
    KlarnaNotifications.SigningKey key = klarna.createSigningKey();
    keys.keep(key, url);
    String webhookId = klarna.subscribe(url, EVENTS, key.id());
    keys.webhookCreated(key.id(), webhookId);
    LOG.info(() -> "Klarna webhook " + webhookId + " registered for " + url + " with " + key.id());
    return webhookId;
  }

  /**
   * At start, when switched on: registers unless Klarna still has the webhook registered last time
   * for this URL, enabled and signing with a key the gateway holds. (Klarna's side may have lost
   * it: deleted by someone, disabled, or a sandbox that started afresh.)
   */
  void registerIfNeeded() {
    if (!settings.selfRegister()) {
      return;
    }
    String url = settings.klarnaWebhookUrl();
    Optional<String> known = keys.registeredWebhook(url);
    if (known.isPresent()) {
      Optional<KlarnaNotifications.Webhook> atKlarna = klarna.webhook(known.get());
      if (atKlarna.isPresent()
          && atKlarna.get().enabled()
          && url.equals(atKlarna.get().url())
          && atKlarna.get().signingKeyId() != null
          && atKlarna.get().eventTypes().containsAll(EVENTS)
          && keys.secret(atKlarna.get().signingKeyId()).isPresent()) {
        return;
      }
      LOG.warning(
          () ->
              "Klarna webhook "
                  + known.get()
                  + (atKlarna.isEmpty()
                      ? " is gone at Klarna"
                      : " has changed at Klarna: " + atKlarna.get())
                  + "; registering again");
    }
    register();
  }
}
