package com.stepup.gateway.stores;

import com.stepup.gateway.platform.BackgroundJobs;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The rate limit of each partner API key: its merchant's requests a minute, or the gateway's
 * default ({@code gateway.rate-limit.per-minute}, 6000); shared by the cluster's instances through
 * the database once a second ({@link RateLimiter}).
 */
@ApplicationScoped
class PartnerRateLimits {

  static final int DEFAULT_PER_MINUTE = 6000;

  @Inject BackgroundJobs jobs;
  @Inject RateUse shared;

  private RateLimiter limiter;
  private int defaultPerMinute;

  @PostConstruct
  void start() {
    limiter = new RateLimiter(Clock.systemUTC());
    defaultPerMinute =
        ConfigProvider.getConfig()
            .getOptionalValue("gateway.rate-limit.per-minute", Integer.class)
            .orElse(DEFAULT_PER_MINUTE);
    jobs.every("api key rate limits", Duration.ofSeconds(1), Duration.ofSeconds(1), this::sync);
  }

  RateLimiter.Decision take(PartnerKey key) {
    long limit = key.requestsPerMinute() != null ? key.requestsPerMinute() : defaultPerMinute;
    return limiter.take(key.id(), limit);
  }

  void sync() {
    limiter.sync(shared);
  }
}
