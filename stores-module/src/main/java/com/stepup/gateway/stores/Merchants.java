package com.stepup.gateway.stores;

import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.ListPage;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The merchants (partners): create, find, rename, suspend, their API keys and webhook secrets. */
public interface Merchants {

  CreatedMerchant create(NewMerchant input);

  /** What is wrong with a new merchant's data, field by field. */
  List<FieldError> check(NewMerchant input);

  Optional<MerchantView> find(String id);

  /** The merchant of a Klarna partner account (unique), if the gateway has one. */
  Optional<MerchantView> findByPartnerAccount(String partnerAccountId);

  MerchantView get(String id);

  ListPage<MerchantView> list(String query, int page, int size);

  MerchantView update(String id, String name, String notificationUrl, MerchantView.Status status);

  /** The IANA time zone ("Europe/Stockholm") the console shows the merchant's times in. */
  MerchantView changeTimeZone(String id, String timeZone);

  /**
   * Sets a merchant's requests a minute per API key (1 to 1,000,000); null returns it to the
   * gateway's default ({@code gateway.rate-limit.per-minute}).
   */
  void changeRateLimit(String merchantId, Integer perMinute);

  /** A merchant's own requests a minute per API key; empty when it has the gateway's default. */
  Optional<Integer> rateLimit(String merchantId);

  /** A key holding every scope. */
  default IssuedApiKey issueKey(String merchantId, String label) {
    return issueKey(merchantId, label, ApiScope.ALL);
  }

  /** A key holding {@code scopes} (at least one). */
  IssuedApiKey issueKey(String merchantId, String label, Set<ApiScope> scopes);

  ApiKeyView revokeKey(String merchantId, String keyId);

  List<ApiKeyView> keys(String merchantId);

  /**
   * The secrets the gateway signs this merchant's outgoing webhooks with: the current one, and
   * during the grace period after a rotation the previous one too.
   */
  List<String> webhookSecrets(String merchantId);

  /**
   * A new webhook secret (in this answer only); the old one keeps being signed with for {@code
   * gateway.webhook-secret.grace-hours} (24), so the partner can switch without losing a message.
   */
  RotatedSecret rotateWebhookSecret(String merchantId);
}
