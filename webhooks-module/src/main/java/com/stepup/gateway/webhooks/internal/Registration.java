package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaNotifications;
import com.stepup.gateway.klarna.KlarnaWire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Registers the gateway's own webhook at Klarna: a new signing key (kept before it is used), then a
 * webhook for {@link KlarnaWire#SUBSCRIBED_EVENTS} (request and transaction state changes, and
 * every capture and refund, whoever made it) at {@code gateway.public-base-url} {@code
 * /webhooks/klarna}. A webhook Klarna already has for the URL (ours from before, or one that lacks
 * some of the events, such as {@code payment.dispute.*} added later) is updated, never doubled. Run
 * at start when {@code klarna.webhook.self-register} is on, or by an operator through the admin
 * API. Running it again rotates the key, and deletes the replaced one at Klarna, which holds few
 * per account. Every POST and PATCH of one registration carries a {@code Klarna-Idempotency-Key} of
 * that registration, so a retried call never creates a second key.
 */
@ApplicationScoped
class Registration {

  static final List<String> EVENTS = KlarnaWire.SUBSCRIBED_EVENTS;
  private static final Logger LOG = Logger.getLogger(Registration.class.getName());

  @Inject KlarnaNotifications klarna;
  @Inject SigningKeys keys;
  @Inject WebhookSettings settings;

  String register() {
    String url = settings.klarnaWebhookUrl();
    String registration = UUID.randomUUID().toString();
    KlarnaNotifications.SigningKey key = klarna.createSigningKey(registration);
    keys.keep(key, url);
    Optional<KlarnaNotifications.Webhook> existing = existing(url);
    KlarnaNotifications.Subscription subscription;
    try {
      subscription = subscribe(existing, url, EVENTS, key.id(), registration);
    } catch (KlarnaException e) {
      if (e.status() != 400) {
        throw e;
      }
      // the settlement report is the one event Klarna's notes do not confirm for this webhook;
      // without it the daily import still runs, without the payment events nothing would
      LOG.warning(
          () ->
              "Klarna refused the webhook's event types ("
                  + e.describe()
                  + "); registering without "
                  + KlarnaWire.SETTLEMENT_REPORT_CREATED
                  + ": settlements are imported by the daily timer alone");
      subscription =
          subscribe(
              existing, url, KlarnaWire.REQUIRED_EVENTS, key.id(), registration + ":required");
    }
    String webhookId = subscription.webhookId();
    keys.webhookCreated(key.id(), webhookId);
    LOG.info(() -> "Klarna webhook " + webhookId + " registered for " + url + " with " + key.id());
    deleteReplaced(url, key.id(), subscription.replacedSigningKeyId());
    return webhookId;
  }

  private KlarnaNotifications.Subscription subscribe(
      Optional<KlarnaNotifications.Webhook> existing,
      String url,
      List<String> events,
      String keyId,
      String registration) {
    return existing.isPresent()
        ? klarna.update(existing.get(), events, keyId, registration)
        : klarna.subscribe(url, events, keyId, registration);
  }

  /**
   * The webhook Klarna has for {@code url}: the one registered last time if Klarna still has it at
   * that URL, else any other there. A second webhook for the same URL would deliver every event
   * twice, and Klarna may take one for a different set of events as a new configuration.
   */
  private Optional<KlarnaNotifications.Webhook> existing(String url) {
    List<KlarnaNotifications.Webhook> atUrl;
    try {
      atUrl = klarna.webhooks().stream().filter(w -> url.equals(w.url())).toList();
    } catch (KlarnaException e) {
      // the list is only a guard against doubling: a create still works, and Klarna's 409 for
      // the same configuration still leads to an update
      LOG.warning(() -> "Klarna's webhooks could not be listed (" + e.describe() + "); creating");
      return Optional.empty();
    }
    if (atUrl.size() > 1) {
      LOG.warning(
          () ->
              "Klarna has "
                  + atUrl.size()
                  + " webhooks for "
                  + url
                  + "; the gateway updates one, delete the others at Klarna");
    }
    Optional<String> known = keys.registeredWebhook(url);
    return atUrl.stream()
        .filter(w -> known.isPresent() && known.get().equals(w.id()))
        .findFirst()
        .or(() -> atUrl.stream().findFirst());
  }

  /**
   * Deletes at Klarna the keys the new one replaced: those this gateway made for the URL, and the
   * one Klarna's webhook used before (made by an earlier installation). A deletion that fails is
   * tried again at the next registration; the new key is in use either way.
   */
  private void deleteReplaced(String url, String current, String replacedAtKlarna) {
    Set<String> replaced = new LinkedHashSet<>(keys.replacedAtKlarna(url, current));
    if (replacedAtKlarna != null) {
      replaced.add(replacedAtKlarna);
    }
    for (String old : replaced) {
      if (old.equals(current) || keys.configured(old)) {
        continue;
      }
      try {
        klarna.deleteSigningKey(old);
        keys.deletedAtKlarna(old);
        LOG.info(() -> "Klarna signing key " + old + " replaced by " + current + ": deleted");
      } catch (KlarnaException e) {
        LOG.warning(
            () ->
                "Klarna signing key "
                    + old
                    + " could not be deleted ("
                    + e.describe()
                    + "); tried again at the next registration");
      }
    }
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
