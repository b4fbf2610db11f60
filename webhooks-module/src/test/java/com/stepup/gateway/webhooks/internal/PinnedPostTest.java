package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

class PinnedPostTest {

  @Test
  void thePostGoesToTheCheckedAddressWhateverTheNameSays() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicReference<String> seen = new AtomicReference<>();
    server.createContext(
        "/hooks",
        exchange -> {
          seen.set(
              exchange.getRequestHeaders().getFirst("Host")
                  + " "
                  + exchange.getRequestHeaders().getFirst("webhook-id")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    try {
      int port = server.getAddress().getPort();
      // a name no resolver knows: only the pinned address can be reached
      var target =
          new DeliveryTargets.Target(
              URI.create("http://partner.invalid:" + port + "/hooks?x=1"),
              InetAddress.getByName("127.0.0.1"));
      int status =
          PinnedPost.send(
              target,
              Map.of("webhook-id", "ntf_1"),
              "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
              Duration.ofSeconds(5),
              (SSLSocketFactory) SSLSocketFactory.getDefault());
      assertThat(status).isEqualTo(204);
      assertThat(seen.get()).isEqualTo("partner.invalid:" + port + " ntf_1 {\"a\":1}");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anAnswerThatNeverComesEndsAtTheDeadline() throws Exception {
    try (var silent = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      var target =
          new DeliveryTargets.Target(
              URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"),
              InetAddress.getByName("127.0.0.1"));
      long started = System.nanoTime();
      assertThatThrownBy(
              () ->
                  PinnedPost.send(
                      target,
                      Map.of(),
                      new byte[0],
                      Duration.ofMillis(500),
                      (SSLSocketFactory) SSLSocketFactory.getDefault()))
          .isInstanceOf(IOException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
  }
}
