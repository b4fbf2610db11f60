package com.stepup.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

class SecondsHistogramTest {

  /** What the registry would print: each gauge as {@code name{tags} value}. */
  private final Map<String, Supplier<?>> printed = new TreeMap<>();

  private final MetricRegistry registry =
      (MetricRegistry)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {MetricRegistry.class},
              (proxy, method, args) -> {
                assertThat(method.getName()).isEqualTo("gauge");
                String tags =
                    Stream.of((Tag[]) args[2])
                        .map(t -> t.getTagName() + "=\"" + t.getTagValue() + "\"")
                        .collect(Collectors.joining(","));
                printed.put(
                    ((Metadata) args[0]).getName() + "{" + tags + "}", (Supplier<?>) args[1]);
                return null;
              });

  @Test
  void exportsCumulativeBucketsCountAndSumInSeconds() {
    var h = new SecondsHistogram(registry, "klarna.call_duration_seconds", "d", 0.05, 0.5, 1);
    Tag op = new Tag("operation", "capture");
    h.record(Duration.ofNanos(31_250_000), op); // 1/32 s: sums exactly
    h.record(Duration.ofMillis(500), op); // on a bound: counted in it (le)
    h.record(Duration.ofMillis(2500), op);
    h.record(Duration.ofMillis(-5), op); // clocks apart: left out

    assertThat(printed.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().get()))
        .containsExactly(
            "klarna.call_duration_seconds_bucket{operation=\"capture\",le=\"+Inf\"} 3",
            "klarna.call_duration_seconds_bucket{operation=\"capture\",le=\"0.05\"} 1",
            "klarna.call_duration_seconds_bucket{operation=\"capture\",le=\"0.5\"} 2",
            "klarna.call_duration_seconds_bucket{operation=\"capture\",le=\"1\"} 2",
            "klarna.call_duration_seconds_count{operation=\"capture\"} 3",
            "klarna.call_duration_seconds_sum{operation=\"capture\"} 3.03125");
  }

  @Test
  void aLatencyIsNamedInSecondsWithAscendingBounds() {
    assertThatThrownBy(() -> new SecondsHistogram(null, "klarna.call_ms", "d", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecondsHistogram(null, "x_seconds", "d", 1, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    var unregistered = new SecondsHistogram(null, "x_seconds", "d", 1);
    unregistered.record(Duration.ofSeconds(3));
    assertThat(unregistered.buckets()).containsExactly(0, 1);
  }
}
