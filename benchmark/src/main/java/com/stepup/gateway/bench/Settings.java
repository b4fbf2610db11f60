package com.stepup.gateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The driver's options ({@link Options}) as {@code ./bench.sh} and {@code ./cluster.sh} pass them,
 * with their defaults.
 */
record Settings(
    Mode mode,
    String base,
    String sandboxBase,
    String partnerKey,
    String sandboxKey,
    int sales,
    int workers,
    String database,
    Path out,
    String webhookKeyId,
    String webhookSecret,
    Duration warmUp,
    Duration measure,
    double[] pacedRates,
    long serverPid,
    String bootSeconds,
    String serverOptions,
    String instanceA,
    String instanceB,
    Path killLog) {

  /** What the run measures, and the report it writes. */
  enum Mode {
    /** {@link OneServer}: {@code ./bench.sh}, {@code docs/benchmark/results-<db>.md}. */
    BENCH,
    /** {@link TwoInstances}: {@code ./cluster.sh}, {@code docs/benchmark/cluster.md}. */
    CLUSTER,
    /** {@link KillUnderLoad}: {@code ./cluster.sh kill}, {@code docs/benchmark/cluster-kill.md}. */
    KILL
  }

  static final String USAGE =
      """
      usage: BenchMain --partner-key K --sandbox-key K [--name value]...
        --mode bench|cluster|kill (bench)   --base URL (http://localhost:8181)
        --sandbox-base URL (http://localhost:8181/klarna-sandbox)
        --sales N (400)   --workers N (8)   --seconds N (10)   --warm-up-seconds N (3)
        --paced-rates R,R,... (none)   --webhook-key-id ID --webhook-secret HEX (no webhook rows)
        --database LABEL   --out FILE (docs/benchmark/results.md)   --server-pid PID (0: not sampled)
        --boot-seconds S   --server-options TEXT
        --instance-a URL --instance-b URL (cluster)   --kill-log FILE (kill)""";

  private static final Set<String> NAMES =
      Set.of(
          "mode",
          "base",
          "sandbox-base",
          "partner-key",
          "sandbox-key",
          "sales",
          "workers",
          "database",
          "out",
          "webhook-key-id",
          "webhook-secret",
          "warm-up-seconds",
          "seconds",
          "paced-rates",
          "server-pid",
          "boot-seconds",
          "server-options",
          "instance-a",
          "instance-b",
          "kill-log");

  static Settings parse(String... argv) {
    Map<String, String> args = Options.parse(argv, NAMES);
    Mode mode;
    try {
      mode = Mode.valueOf(args.getOrDefault("mode", "bench").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--mode is bench, cluster or kill");
    }
    return new Settings(
        mode,
        args.getOrDefault("base", "http://localhost:8181"),
        args.getOrDefault("sandbox-base", "http://localhost:8181/klarna-sandbox"),
        Options.require(args, "partner-key"),
        Options.require(args, "sandbox-key"),
        Integer.parseInt(args.getOrDefault("sales", "400")),
        Integer.parseInt(args.getOrDefault("workers", "8")),
        args.getOrDefault("database", "H2 (file)"),
        Path.of(args.getOrDefault("out", "docs/benchmark/results.md")),
        args.getOrDefault("webhook-key-id", ""),
        args.getOrDefault("webhook-secret", ""),
        Duration.ofSeconds(Long.parseLong(args.getOrDefault("warm-up-seconds", "3"))),
        Duration.ofSeconds(Long.parseLong(args.getOrDefault("seconds", "10"))),
        Arrays.stream(args.getOrDefault("paced-rates", "").split(","))
            .filter(r -> !r.isBlank())
            .mapToDouble(Double::parseDouble)
            .toArray(),
        Long.parseLong(args.getOrDefault("server-pid", "0")),
        args.getOrDefault("boot-seconds", ""),
        args.getOrDefault("server-options", ""),
        mode == Mode.CLUSTER ? Options.require(args, "instance-a") : null,
        mode == Mode.CLUSTER ? Options.require(args, "instance-b") : null,
        args.containsKey("kill-log") ? Path.of(args.get("kill-log")) : null);
  }

  /** The client these settings describe, against {@link #base()}. */
  GatewayClient client() {
    return new GatewayClient(
        base, sandboxBase, partnerKey, sandboxKey, webhookKeyId, webhookSecret);
  }

  /** Whether Klarna webhooks can be signed, so measured. */
  boolean signsWebhooks() {
    return !webhookSecret.isEmpty();
  }
}
