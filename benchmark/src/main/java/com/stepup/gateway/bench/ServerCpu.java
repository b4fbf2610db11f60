package com.stepup.gateway.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The CPU time the server process has used (user and system, as Linux's {@code /proc/<pid>/stat}
 * counts it, read through {@link ProcessHandle}). The gateway and the Klarna sandbox run in that
 * one process, so a difference over a scenario divided by its sales is the CPU a whole sale costs
 * both.
 */
final class ServerCpu {

  private final long pid;

  ServerCpu(long pid) {
    this.pid = pid;
  }

  /** The CPU used so far, or empty without a pid (or once the process is gone). */
  Optional<Duration> used() {
    if (pid <= 0) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration());
  }

  /** Milliseconds of CPU per sale since {@code before} ({@code "–"} when not measured). */
  String perSale(Optional<Duration> before, int sales) {
    Optional<Duration> after = used();
    if (before.isEmpty() || after.isEmpty() || sales == 0) {
      return "–";
    }
    double millis = after.get().minus(before.get()).toNanos() / 1e6;
    return String.format(Locale.ROOT, "%.1f", millis / sales);
  }
}
