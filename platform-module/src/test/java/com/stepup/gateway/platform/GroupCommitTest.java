package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  @Test
  void callersWaitingTogetherShareOneTransactionAndEachGetsItsOwnAnswer() throws Exception {
    List<List<Integer>> transactions = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch othersQueued = new CountDownLatch(1);
    GroupCommit<Integer, Integer> commits =
        new GroupCommit<>(
            batch -> {
              transactions.add(batch);
              return batch.stream().map(i -> i * 10).toList();
            },
            one -> {
              transactions.add(List.of(one));
              if (one == 0) { // the first caller holds the turn until the others have queued
                firstInside.countDown();
                await(othersQueued);
              }
              return one * 10;
            },
            100);
    ExecutorService pool = Executors.newFixedThreadPool(9);
    try {
      Future<Integer> first = pool.submit(() -> commits.write(0));
      firstInside.await(5, TimeUnit.SECONDS);
      List<Future<Integer>> others = new ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        int n = i;
        others.add(pool.submit(() -> commits.write(n)));
      }
      Thread.sleep(200); // all eight are queued behind the turn
      othersQueued.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isZero();
      for (int i = 1; i <= 8; i++) {
        assertThat(others.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo(i * 10);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(transactions).hasSize(2);
    assertThat(transactions.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void aFailedBatchIsWrittenItemByItemAndOnlyTheFailingItemFails() {
    AtomicInteger alone = new AtomicInteger();
    GroupCommit<Integer, Integer> commits =
        new GroupCommit<>(
            batch -> {
              throw new IllegalStateException("a row stored elsewhere meanwhile");
            },
            one -> {
              alone.incrementAndGet();
              if (one == 13) {
                throw new IllegalArgumentException("unlucky");
              }
              return one;
            },
            100);
    assertThat(commits.write(7)).isEqualTo(7);
    assertThatThrownBy(() -> commits.write(13)).hasMessage("unlucky");
    assertThat(alone).hasValue(2);
  }

  @Test
  void noBatchIsLargerThanAsked() throws Exception {
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<Integer, Integer> commits =
        new GroupCommit<>(
            batch -> {
              sizes.add(batch.size());
              sleep(5);
              return batch;
            },
            one -> {
              sizes.add(1);
              sleep(5);
              return one;
            },
            3);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        all.add(pool.submit(() -> commits.write(n)));
      }
      for (int i = 0; i < 40; i++) {
        assertThat(all.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sizes).allMatch(s -> s <= 3);
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
