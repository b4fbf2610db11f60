package com.stepup.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The load driver of {@code ./bench.sh} and {@code ./cluster.sh} (its {@code bench} and {@code
 * kill} modes; the chaos run is {@link com.stepup.gateway.bench.chaos.ChaosRun}): drives a running
 * gateway and its Klarna sandbox over real HTTP the way tills, shoppers and Klarna do, prints what
 * it measured as Markdown and writes it to {@code --out}.
 *
 * <p>{@code --mode} picks the scenario: {@code bench} ({@link OneServer}, {@code
 * docs/benchmark/results-<db>.md}), {@code cluster} ({@link TwoInstances}, {@code
 * docs/benchmark/cluster.md}) or {@code kill} ({@link KillUnderLoad}, {@code
 * docs/benchmark/cluster-kill.md}). {@code --help} lists the options; a wrong one exits with 2
 * before any request is sent.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] argv) throws Exception {
    if (argv.length == 1 && argv[0].equals("--help")) {
      System.out.println(Settings.USAGE);
      return;
    }
    Settings settings;
    try {
      settings = Settings.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Settings.USAGE);
      System.exit(2);
      return;
    }
    String report =
        switch (settings.mode()) {
          case BENCH -> new OneServer(settings).run();
          case CLUSTER -> new TwoInstances(settings).run();
          case KILL -> new KillUnderLoad(settings).run();
        };
    System.out.println(report);
    Files.createDirectories(settings.out().toAbsolutePath().getParent());
    Files.writeString(settings.out(), report, StandardCharsets.UTF_8);
    System.out.println("Written to " + settings.out());
  }
}
