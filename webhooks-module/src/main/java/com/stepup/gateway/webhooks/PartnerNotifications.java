package com.stepup.gateway.webhooks;

import com.stepup.gateway.platform.ListPage;
import java.util.List;

/**
 * The notifications the gateway sends partners, for the console and the admin API. {@code
 * merchantId} null means every merchant's (platform roles); otherwise only that merchant's, and
 * another merchant's notification is not found.
 */
public interface PartnerNotifications {

  ListPage<NotificationView> list(
      String merchantId, NotificationView.Status status, String paymentId, int page, int size);

  NotificationView get(String merchantId, String id);

  List<NotificationView.Attempt> attempts(String merchantId, String id);

  /** The JSON body this notification sends (the same every attempt). */
  String body(String merchantId, String id);

  /** Sends it again now, whatever its state, as a new series of attempts. */
  NotificationView redeliver(String merchantId, String id);
}
