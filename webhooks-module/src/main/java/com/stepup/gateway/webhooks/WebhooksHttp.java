package com.stepup.gateway.webhooks;

import com.stepup.gateway.webhooks.internal.AdminWebhooksResource;
import com.stepup.gateway.webhooks.internal.KlarnaWebhookResource;
import com.stepup.gateway.webhooks.internal.PartnerNotificationsResource;
import com.stepup.gateway.webhooks.internal.WebhookEndpointResource;
import java.util.Set;

/** The webhooks module's JAX-RS classes: all of them are the API's. */
public final class WebhooksHttp {

  /**
   * Klarna's webhooks ({@code /webhooks/klarna}), the partner's endpoint and notifications, the
   * admin's view of both.
   */
  public static final Set<Class<?>> API =
      Set.of(
          KlarnaWebhookResource.class,
          WebhookEndpointResource.class,
          PartnerNotificationsResource.class,
          AdminWebhooksResource.class);

  private WebhooksHttp() {}
}
