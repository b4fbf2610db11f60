package com.stepup.gateway.platform.internal;

import com.stepup.gateway.platform.IdempotencyClaim;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;

/**
 * The request's {@link IdempotencyClaim}, as {@link IdempotencyFilter} leaves it to a resource that
 * claims the key itself: written on the JTA datasource, so inside the caller's transaction it
 * commits (or rolls back) with the caller's work. What it wrote in a transaction that rolled back
 * counts as never written: the filter then does what it does for any resource.
 */
@RequestScoped
class ResourceClaim implements IdempotencyClaim {

  /** Where the key stands for this request. */
  enum State {
    /** No key, or the filter handles it as for any resource. */
    NONE,
    /** Nothing stored for the key: the resource writes the claim. */
    TO_CLAIM,
    /** The filter holds the claim (it took over one abandoned). */
    HELD,
    /** The resource wrote the claim. */
    CLAIMED,
    /** The resource wrote the answer. */
    ANSWERED,
    /** Another request held the key: this one's work rolled back. */
    LOST
  }

  @Inject IdempotencyKeys keys;

  @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
  TransactionSynchronizationRegistry transactions;

  private State state = State.NONE;
  private String scope;
  private String key;
  private String hash;
  private Answer answer;

  /** The transaction whose writes are not committed yet, and what stood before it. */
  private Object openTransaction;

  private State stateBefore;
  private Answer answerBefore;

  /** The filter found nothing stored for the key: the resource writes the claim. */
  void toClaim(String scope, String key, String hash) {
    set(scope, key, hash, State.TO_CLAIM);
  }

  /** The filter holds the claim (taken over): the resource may write the answer. */
  void held(String scope, String key, String hash) {
    set(scope, key, hash, State.HELD);
  }

  private void set(String scope, String key, String hash, State state) {
    this.scope = scope;
    this.key = key;
    this.hash = hash;
    this.state = state;
  }

  State state() {
    return state;
  }

  @Override
  public void claim() {
    if (state != State.TO_CLAIM) {
      if (state == State.LOST) {
        throw new IdempotencyKeyTaken();
      }
      return;
    }
    write(State.CLAIMED, null);
  }

  @Override
  public void answer(Answer answer) {
    if (!IdempotencyFilter.keeps(answer.status())) {
      return; // the filter forgets the claim, as for any resource
    }
    switch (state) {
      case NONE, ANSWERED -> {}
      case LOST -> throw new IdempotencyKeyTaken();
      case TO_CLAIM -> write(State.ANSWERED, answer);
      case HELD, CLAIMED -> {
        remember();
        keys.complete(scope, key, answer.status(), answer.type(), answer.location(), answer.body());
        this.answer = answer;
        state = State.ANSWERED;
      }
    }
  }

  /** Inserts the key, running or answered; another request's row makes this one LOST. */
  private void write(State next, Answer answered) {
    remember();
    if (!keys.insert(scope, key, hash, answered)) {
      state = State.LOST;
      throw new IdempotencyKeyTaken();
    }
    answer = answered;
    state = next;
  }

  @Override
  public Optional<Answer> answered() {
    return Optional.ofNullable(state == State.ANSWERED ? answer : null);
  }

  /** Inside a transaction: what stood before its first write here, put back if it rolls back. */
  private void remember() {
    Object tx = transactions == null ? null : transactions.getTransactionKey();
    if (tx == null || tx.equals(openTransaction)) {
      return;
    }
    openTransaction = tx;
    stateBefore = state;
    answerBefore = answer;
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            ended(tx, status == Status.STATUS_COMMITTED);
          }
        });
  }

  /** The transaction that wrote ended: committed, or rolled back and as never written. */
  void ended(Object tx, boolean committed) {
    if (!tx.equals(openTransaction)) {
      return;
    }
    openTransaction = null;
    if (!committed && state != State.LOST) {
      state = stateBefore;
      answer = answerBefore;
    }
  }
}
