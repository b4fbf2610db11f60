package com.stepup.gateway.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writes that arrive together are committed together: each caller queues its item and waits; the
 * caller that holds the writing turn stores every queued item (up to {@code most}) in one
 * transaction, and each caller returns once its own item is committed, so nobody is answered before
 * its write is durable. When the batch's transaction fails (another instance stored one of its rows
 * at the same moment), each of its items is written alone, and only the items that fail alone fail.
 * The callers' own threads do the writing: there is no thread to start or stop.
 *
 * @param <I> what a caller writes
 * @param <O> what the write answers it
 */
public final class GroupCommit<I, O> {

  private final Function<List<I>, List<O>> together;
  private final Function<I, O> alone;
  private final int most;
  private final ReentrantLock turn = new ReentrantLock();
  private final ConcurrentLinkedQueue<Item<I, O>> queued = new ConcurrentLinkedQueue<>();

  /**
   * @param together writes a batch in one transaction and answers for each item, in order
   * @param alone writes one item in a transaction of its own
   * @param most the largest batch
   */
  public GroupCommit(Function<List<I>, List<O>> together, Function<I, O> alone, int most) {
    this.together = Objects.requireNonNull(together);
    this.alone = Objects.requireNonNull(alone);
    if (most < 1) {
      throw new IllegalArgumentException("a batch holds at least one item");
    }
    this.most = most;
  }

  /** Writes the item with whatever else is waiting, and answers once it is committed. */
  public O write(I in) {
    Item<I, O> item = new Item<>(in);
    queued.add(item);
    turn.lock();
    try {
      while (!item.done) {
        writeQueued();
      }
    } finally {
      turn.unlock();
    }
    if (item.failure != null) {
      throw item.failure;
    }
    return item.out;
  }

  private void writeQueued() {
    List<Item<I, O>> batch = new ArrayList<>();
    for (Item<I, O> next; batch.size() < most && (next = queued.poll()) != null; ) {
      batch.add(next);
    }
    List<O> outs = null;
    if (batch.size() > 1) {
      try {
        outs = together.apply(batch.stream().map(i -> i.in).toList());
      } catch (RuntimeException e) {
        outs = null; // written alone below
      }
    }
    for (int k = 0; k < batch.size(); k++) {
      Item<I, O> item = batch.get(k);
      if (outs != null) {
        item.out = outs.get(k);
      } else {
        try {
          item.out = alone.apply(item.in);
        } catch (RuntimeException e) {
          item.failure = e;
        }
      }
      item.done = true;
    }
  }

  /** Written and read under {@link #turn}, which orders them. */
  private static final class Item<I, O> {
    final I in;
    O out;
    RuntimeException failure;
    boolean done;

    Item(I in) {
      this.in = in;
    }
  }
}
