package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.BackgroundJobs;
import com.stepup.gateway.platform.Json;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Payment changes for the console's open pages, as server-sent events. One poll a second per
 * merchant that has pages open (and one for platform staff), broadcast to all of them: an open page
 * holds a connection, never a thread. A comment every 15 s finds pages that went away.
 */
@ApplicationScoped
class ConsoleLiveFeed {

  private static final Logger LOG = Logger.getLogger(ConsoleLiveFeed.class.getName());
  private static final String ALL = "";

  @Inject BackgroundJobs jobs;
  @Inject Payments payments;
  @Inject Clock clock;

  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
  private ScheduledFuture<?> task;
  private volatile Sse sse;
  private long ticks;

  /** The payments of one scope (a merchant, or all) and the pages following them. */
  private static final class Feed {
    final SseBroadcaster broadcaster;
    final AtomicInteger pages = new AtomicInteger();
    volatile Instant since;

    Feed(SseBroadcaster broadcaster, Instant since) {
      this.broadcaster = broadcaster;
      this.since = since;
    }
  }

  /** Follows the payments {@code merchantId} may see (all when null) on this connection. */
  void follow(String merchantId, SseEventSink sink, Sse sse) {
    this.sse = sse;
    Feed feed =
        feeds.computeIfAbsent(
            merchantId == null ? ALL : merchantId,
            k -> {
              Feed f = new Feed(sse.newBroadcaster(), clock.instant().minusSeconds(2));
              f.broadcaster.onClose(s -> f.pages.decrementAndGet());
              f.broadcaster.onError((s, e) -> f.pages.decrementAndGet());
              return f;
            });
    if (feed.pages.getAndIncrement() <= 0) {
      feed.pages.set(1);
      feed.since = clock.instant().minusSeconds(2);
    }
    feed.broadcaster.register(sink);
    start();
  }

  private synchronized void start() {
    if (task == null) {
      task =
          jobs.executor("console live feed")
              .scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }
  }

  void tick() {
    ticks++;
    feeds.forEach(
        (scope, feed) -> {
          if (feed.pages.get() <= 0) {
            return;
          }
          try {
            for (PaymentView p :
                payments.changedSince(scope.equals(ALL) ? null : scope, feed.since, 200)) {
              feed.since = p.updatedAt().isAfter(feed.since) ? p.updatedAt() : feed.since;
              String data =
                  Json.createObjectBuilder()
                      .add("id", p.id())
                      .add("status", p.status().wire())
                      .add("state", p.klarna().state() == null ? "" : p.klarna().state().name())
                      .add("money_status", p.moneyStatus().wire())
                      .add("created_at", p.createdAt().toString())
                      .build()
                      .toString();
              feed.broadcaster.broadcast(sse.newEventBuilder().name("payment").data(data).build());
            }
            if (ticks % 15 == 0) {
              feed.broadcaster.broadcast(sse.newEventBuilder().comment("still here").build());
            }
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Console live feed could not read payments", e);
          }
        });
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
    feeds.values().forEach(f -> f.broadcaster.close());
  }
}
