package com.stepup.gateway.payments.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * When the janitor next reads a Payment Request that has no news. Webhooks are how Klarna tells of
 * a change; a read is the safety net, so it backs off while nothing happens: never sooner than
 * {@code readAfter}, then half the time the request has been quiet, at most {@code maxInterval},
 * and no later than the moment the request is due to expire (so expiry is noticed on time). At a
 * few thousand open QR codes this keeps the reads far below Klarna's rate limit.
 */
record ReadSchedule(Duration readAfter, Duration maxInterval) {

  Instant next(Instant now, Instant lastNews, Instant expiresAt) {
    Duration quiet =
        lastNews == null || lastNews.isAfter(now) ? Duration.ZERO : Duration.between(lastNews, now);
    Duration interval = quiet.dividedBy(2);
    if (interval.compareTo(maxInterval) > 0) {
      interval = maxInterval;
    }
    if (interval.compareTo(readAfter) < 0) {
      interval = readAfter;
    }
    Instant next = now.plus(interval);
    return expiresAt != null && expiresAt.isAfter(now) && expiresAt.isBefore(next)
        ? expiresAt
        : next;
  }
}
