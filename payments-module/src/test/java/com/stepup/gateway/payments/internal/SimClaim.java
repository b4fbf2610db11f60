package com.stepup.gateway.payments.internal;

import com.stepup.gateway.platform.IdempotencyClaim;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's resource-written Idempotency-Key claim ({@code ResourceClaim}) over {@link
 * SimStore}: the claim and the answer are written in the store's transaction when there is one (and
 * are lost with it), else as a commit of their own; a key another request holds makes the write
 * throw {@link IdempotencyKeyTaken}, rolling the transaction back.
 */
final class SimClaim implements IdempotencyClaim {

  /** The key table: what is committed for each key. */
  static final class Keys {
    final Map<String, Row> rows = new HashMap<>();
  }

  /** One key's committed row: its request's hash, when it was claimed, and its answer once done. */
  static final class Row {
    final String hash;
    Instant claimedAt;
    Answer answer;

    Row(String hash, Instant claimedAt) {
      this.hash = hash;
      this.claimedAt = claimedAt;
    }
  }

  enum State {
    TO_CLAIM,
    HELD,
    CLAIMED,
    ANSWERED,
    LOST
  }

  private final SimStore store;
  private final Keys keys;
  private final String key;
  private final String hash;
  private final Instant now;
  State state;
  private Answer answer;

  /** A claim the filter left to the resource ({@code held}: the filter took it over). */
  SimClaim(SimStore store, Keys keys, String key, String hash, Instant now, boolean held) {
    this.store = store;
    this.keys = keys;
    this.key = key;
    this.hash = hash;
    this.now = now;
    this.state = held ? State.HELD : State.TO_CLAIM;
  }

  @Override
  public void claim() {
    if (state == State.LOST) {
      throw new IdempotencyKeyTaken();
    }
    if (state != State.TO_CLAIM) {
      return;
    }
    taken();
    store.join(
        () -> {
          keys.rows.put(key, new Row(hash, now));
          state = State.CLAIMED;
        });
  }

  @Override
  public void answer(Answer answer) {
    int status = answer.status();
    if (status == 202 || status == 500 || status == 503 || (status >= 400 && status < 500)) {
      return;
    }
    switch (state) {
      case LOST -> throw new IdempotencyKeyTaken();
      case ANSWERED -> {}
      case TO_CLAIM -> {
        taken();
        store.join(
            () -> {
              Row row = keys.rows.computeIfAbsent(key, k -> new Row(hash, now));
              row.answer = answer;
              this.answer = answer;
              state = State.ANSWERED;
            });
      }
      case HELD, CLAIMED ->
          store.join(
              () -> {
                Row row = keys.rows.get(key);
                if (row != null) {
                  row.answer = answer;
                }
                this.answer = answer;
                state = State.ANSWERED;
              });
    }
  }

  /** Another request's row holds the key: this one loses, and its transaction rolls back. */
  private void taken() {
    if (keys.rows.containsKey(key)) {
      state = State.LOST;
      throw new IdempotencyKeyTaken();
    }
  }

  @Override
  public Optional<Answer> answered() {
    return Optional.ofNullable(state == State.ANSWERED ? answer : null);
  }
}
