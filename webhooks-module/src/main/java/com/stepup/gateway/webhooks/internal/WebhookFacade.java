package com.stepup.gateway.webhooks.internal;

import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.webhooks.KlarnaWebhookHealth;
import com.stepup.gateway.webhooks.KlarnaWebhooks;
import com.stepup.gateway.webhooks.NotificationView;
import com.stepup.gateway.webhooks.PartnerNotifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The module's API over its internals. */
@ApplicationScoped
class WebhookFacade implements PartnerNotifications, KlarnaWebhooks {

  @Inject NotificationRepository notifications;
  @Inject Deliverer deliverer;
  @Inject KlarnaInbox inbox;
  @Inject SigningKeys keys;
  @Inject Registration registration;
  @Inject WebhookSettings settings;

  @Override
  public ListPage<NotificationView> list(
      String merchantId, NotificationView.Status status, String paymentId, int page, int size) {
    return notifications.list(merchantId, status, paymentId, page, size);
  }

  @Override
  public NotificationView get(String merchantId, String id) {
    return notifications.get(merchantId, id);
  }

  @Override
  public List<NotificationView.Attempt> attempts(String merchantId, String id) {
    return notifications.attempts(merchantId, id);
  }

  @Override
  public String body(String merchantId, String id) {
    return notifications.body(merchantId, id);
  }

  @Override
  public NotificationView redeliver(String merchantId, String id) {
    NotificationView view = notifications.redeliver(merchantId, id);
    deliverer.redeliverSoon(id);
    return view;
  }

  @Inject Rejections rejections;

  @Override
  public KlarnaWebhookHealth health() {
    String registered = keys.registeredWebhook(settings.klarnaWebhookUrl()).orElse(null);
    return rejections.health(() -> inbox.health(registered));
  }

  @Override
  public String register() {
    return registration.register();
  }
}
