package com.stepup.gateway.stores.internal;

import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.WebUrls;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.platform.errors.NotFound;
import com.stepup.gateway.stores.ApiKeyView;
import com.stepup.gateway.stores.ApiScope;
import com.stepup.gateway.stores.CreatedMerchant;
import com.stepup.gateway.stores.IssuedApiKey;
import com.stepup.gateway.stores.MerchantView;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.stores.NewMerchant;
import com.stepup.gateway.stores.RotatedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/** Merchants and their API keys, for platform admins (console and admin API). */
@ApplicationScoped
class MerchantFacade implements Merchants {

  static final int NAME_MAX = 200;

  @Inject MerchantRepository repository;

  @Override
  public CreatedMerchant create(NewMerchant input) {
    List<FieldError> errors = check(input);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return repository.create(input);
  }

  /** What is wrong with a new merchant's data, field by field. */
  @Override
  public List<FieldError> check(NewMerchant input) {
    List<FieldError> errors = new ArrayList<>();
    if (input.name() == null || input.name().isBlank()) {
      errors.add(new FieldError("name", "is required"));
    } else if (input.name().length() > NAME_MAX) {
      errors.add(new FieldError("name", "must be at most " + NAME_MAX + " characters"));
    }
    if (input.partnerAccountId() == null || input.partnerAccountId().isBlank()) {
      errors.add(new FieldError("klarna_partner_account_id", "is required"));
    } else if (!input.partnerAccountId().matches("[A-Za-z0-9:._-]{1,200}")) {
      errors.add(
          new FieldError(
              "klarna_partner_account_id",
              "must be Klarna's partner account id, like krn:partner:global:account:live:..."));
    }
    checkNotificationUrl(input.notificationUrl(), errors);
    return errors;
  }

  @Override
  public Optional<MerchantView> find(String id) {
    return repository.find(id);
  }

  @Override
  public Optional<MerchantView> findByPartnerAccount(String partnerAccountId) {
    return repository.findByPartnerAccount(partnerAccountId);
  }

  @Override
  public MerchantView get(String id) {
    return find(id).orElseThrow(() -> new NotFound("Merchant " + id));
  }

  @Override
  public ListPage<MerchantView> list(String query, int page, int size) {
    return repository.list(query, page, size);
  }

  @Override
  public MerchantView update(
      String id, String name, String notificationUrl, MerchantView.Status status) {
    List<FieldError> errors = new ArrayList<>();
    if (name != null && (name.isBlank() || name.length() > NAME_MAX)) {
      errors.add(new FieldError("name", "must be 1 to " + NAME_MAX + " characters"));
    }
    checkNotificationUrl(notificationUrl, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return repository.update(id, name, notificationUrl, status);
  }

  @Override
  public MerchantView changeTimeZone(String id, String timeZone) {
    String zone = timeZone == null ? "" : timeZone.strip();
    try {
      if (!ZoneId.getAvailableZoneIds().contains(zone)) {
        throw new DateTimeException(zone); // a region, not "+02:00" or "PST"
      }
    } catch (DateTimeException e) {
      throw new InvalidInput(
          "time_zone", "must be a time zone such as Europe/Stockholm or America/New_York");
    }
    return repository.changeTimeZone(id, zone);
  }

  @Override
  public IssuedApiKey issueKey(String merchantId, String label, Set<ApiScope> scopes) {
    if (label != null && label.length() > 100) {
      throw new InvalidInput("label", "must be at most 100 characters");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw new InvalidInput("scopes", "give at least one scope");
    }
    return repository.issueKey(merchantId, label, scopes);
  }

  @Override
  public void changeRateLimit(String merchantId, Integer perMinute) {
    if (perMinute != null && (perMinute < 1 || perMinute > 1_000_000)) {
      throw new InvalidInput(
          "rate_limit_per_minute", "must be 1 to 1000000, or null for the default");
    }
    repository.changeRateLimit(merchantId, perMinute);
  }

  @Override
  public Optional<Integer> rateLimit(String merchantId) {
    return repository.rateLimit(merchantId);
  }

  @Override
  public ApiKeyView revokeKey(String merchantId, String keyId) {
    return repository.revokeKey(merchantId, keyId);
  }

  @Override
  public List<ApiKeyView> keys(String merchantId) {
    get(merchantId);
    return repository.keys(merchantId);
  }

  /**
   * The secrets the gateway signs this merchant's outgoing webhooks with: the current one, and
   * during the grace period after a rotation the previous one too.
   */
  @Override
  public List<String> webhookSecrets(String merchantId) {
    return repository.webhookSecrets(merchantId);
  }

  /**
   * A new webhook secret (in this answer only); the old one keeps being signed with for {@code
   * gateway.webhook-secret.grace-hours} (24), so the partner can switch without losing a message.
   */
  @Override
  public RotatedSecret rotateWebhookSecret(String merchantId) {
    int hours =
        ConfigProvider.getConfig()
            .getOptionalValue("gateway.webhook-secret.grace-hours", Integer.class)
            .orElse(24);
    return repository.rotateWebhookSecret(merchantId, Duration.ofHours(hours));
  }

  private static void checkNotificationUrl(String url, List<FieldError> errors) {
    if (url != null && (url.length() > 2000 || !WebUrls.isWebUrl(url))) {
      errors.add(new FieldError("notification_url", "must be an absolute http or https URL"));
    }
  }
}
