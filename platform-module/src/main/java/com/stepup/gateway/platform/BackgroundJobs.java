package com.stepup.gateway.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's background jobs, each on its own thread: a stuck or slow job (the janitor waiting
 * on Klarna) delays nothing else, which the server's one shared scheduler thread would (STACK.md
 * trap 18). Every run is recorded, so readiness can tell a job that has stopped succeeding.
 */
@ApplicationScoped
public class BackgroundJobs {

  private static final Logger LOG = Logger.getLogger(BackgroundJobs.class.getName());

  /** How a job is doing. */
  public record Status(
      String name,
      Duration interval,
      Instant startedAt,
      Instant lastSuccessAt,
      Instant lastFailureAt,
      String lastFailure,
      long lastRunMs) {

    /** Not succeeded for twenty intervals (at least five minutes) since it started. */
    public boolean stale(Instant now) {
      Duration allowed = interval.multipliedBy(20);
      if (allowed.compareTo(Duration.ofMinutes(5)) < 0) {
        allowed = Duration.ofMinutes(5);
      }
      Instant since = lastSuccessAt != null ? lastSuccessAt : startedAt;
      return since.plus(allowed).isBefore(now);
    }
  }

  @Resource ManagedThreadFactory threads;

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Status> statuses = new ConcurrentHashMap<>();
  private final List<ExecutorService> executors = new ArrayList<>();

  /**
   * Runs {@code work} every {@code interval} (after the previous run ends) on the job's own thread,
   * first after {@code initialDelay}. Failures are logged and recorded, never stop the job.
   */
  public synchronized void every(
      String name, Duration initialDelay, Duration interval, Runnable work) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(threads);
    executors.add(executor);
    statuses.put(name, new Status(name, interval, clock.instant(), null, null, null, 0));
    executor.scheduleWithFixedDelay(
        () -> run(name, work),
        initialDelay.toMillis(),
        Math.max(1, interval.toMillis()),
        TimeUnit.MILLISECONDS);
  }

  /** A single-thread executor of the job's own, for work it schedules itself. */
  public synchronized ScheduledExecutorService executor(String name) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(threads);
    executors.add(executor);
    return executor;
  }

  /**
   * A pool of {@code size} of the server's threads for short work that requests hand off (acting on
   * a stored webhook, sending a notification). Handing off is cheap: the thread carries the
   * application's context from its start, where a managed executor captures it again for every
   * task. A full queue (1,000 waiting) refuses with {@link
   * java.util.concurrent.RejectedExecutionException}, and the caller leaves the work to its sweep.
   */
  public synchronized ExecutorService pool(int size) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1_000), threads);
    pool.allowCoreThreadTimeOut(true);
    executors.add(pool);
    return pool;
  }

  /** Runs {@code work} once as a run of the job {@code name} (recorded like a scheduled run). */
  public void run(String name, Runnable work) {
    long started = System.nanoTime();
    try {
      work.run();
      statuses.computeIfPresent(
          name,
          (n, s) ->
              new Status(
                  n,
                  s.interval(),
                  s.startedAt(),
                  clock.instant(),
                  s.lastFailureAt(),
                  s.lastFailure(),
                  (System.nanoTime() - started) / 1_000_000));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, name + " failed", e);
      statuses.computeIfPresent(
          name,
          (n, s) ->
              new Status(
                  n,
                  s.interval(),
                  s.startedAt(),
                  s.lastSuccessAt(),
                  clock.instant(),
                  e.getClass().getSimpleName(),
                  (System.nanoTime() - started) / 1_000_000));
    }
  }

  /** Every job's status, by name. */
  public List<Status> statuses() {
    return statuses.values().stream().sorted(Comparator.comparing(Status::name)).toList();
  }

  @PreDestroy
  synchronized void stop() {
    executors.forEach(ExecutorService::shutdownNow);
  }
}
