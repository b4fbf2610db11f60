package com.stepup.gateway.webhooks.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Refused Klarna webhooks, counted in memory and written as one row per kind (reason and signing
 * key) per flush, not one row and one log line per refusal: anyone can send refusals, and each must
 * not cost a write (issue 30). The first of a kind since the last flush is logged; the flush logs
 * how many more followed. At most {@link #MAX_KINDS} kinds are told apart between two flushes (a
 * caller inventing key ids gets one more, "other").
 */
final class RejectionTally {

  static final int MAX_KINDS = 50;

  /** What was refused: the reason and the signing key named, if any. */
  record Kind(String reason, String signingKeyId) {}

  /** A kind's refusals since the last flush: how many, and when the first came. */
  record Count(Kind kind, long times, Instant first) {}

  private final Map<Kind, Count> pending = new LinkedHashMap<>();

  /** Counts one refusal; answers true when it is the first of its kind since the last flush. */
  synchronized boolean count(String reason, String signingKeyId, Instant at) {
    Kind kind = new Kind(reason, signingKeyId);
    if (!pending.containsKey(kind) && pending.size() >= MAX_KINDS) {
      kind = new Kind("other refusals", null);
    }
    Count before = pending.get(kind);
    pending.put(
        kind,
        new Count(
            kind, before == null ? 1 : before.times() + 1, before == null ? at : before.first()));
    return before == null;
  }

  /** Everything counted since the last flush, and forgets it. */
  synchronized List<Count> drain() {
    List<Count> all = new ArrayList<>(pending.values());
    pending.clear();
    return all;
  }

  /** Puts back what could not be written, so no refusal goes uncounted. */
  synchronized void restore(List<Count> counts) {
    for (Count c : counts) {
      Count now = pending.get(c.kind());
      pending.put(
          c.kind(), now == null ? c : new Count(c.kind(), now.times() + c.times(), c.first()));
    }
  }

  /** Refusals counted and not yet written whose reason passes {@code reason}. */
  synchronized long pending(Predicate<String> reason) {
    return pending.values().stream()
        .filter(c -> reason.test(c.kind().reason()))
        .mapToLong(Count::times)
        .sum();
  }
}
