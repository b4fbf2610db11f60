package com.stepup.gateway.klarna.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stepup.gateway.klarna.KlarnaException;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading Klarna's payouts: a 5xx is retried with backoff; a refusal is not (issue 27 §6). */
class KlarnaSettlementsClientTest {

  final List<Integer> answers = new ArrayList<>();
  int calls;

  KlarnaSettlementsClient client() {
    KlarnaWireTest.Recorder recorder = new KlarnaWireTest.Recorder();
    recorder.answer =
        call -> {
          calls++;
          int status = answers.isEmpty() ? 200 : answers.remove(0);
          if (status != 200) {
            throw KlarnaErrors.parse(status, "{\"error_code\":\"X\"}", "c-" + calls);
          }
          return Json.createObjectBuilder()
              .add(
                  "transactions",
                  Json.createArrayBuilder()
                      .add(
                          Json.createObjectBuilder()
                              .add("type", "SALE")
                              .add("amount", 1000)
                              .add("capture_id", "krn:cap:1")
                              .add("refund_id", "")))
              .add("pagination", Json.createObjectBuilder().add("total", 1))
              .build();
        };
    KlarnaSettlementsClient client = new KlarnaSettlementsClient();
    client.http = KlarnaHttp.over(recorder.api());
    client.http.attempts = 3;
    client.http.backoffMs = 1;
    return client;
  }

  @Test
  void aServerErrorIsRetriedAndThePageStillRead() {
    answers.addAll(List.of(503, 500));
    var page = client().transactions("PR-1", 0, 500);
    assertThat(calls).isEqualTo(3);
    assertThat(page.items())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.captureId()).isEqualTo("krn:cap:1");
              assertThat(t.refundId()).as("Klarna's empty string is no id").isNull();
            });
    assertThat(page.more()).isFalse();
  }

  @Test
  void attemptsEndAndARefusalIsNotRetried() {
    answers.addAll(List.of(502, 502, 502));
    assertThatThrownBy(() -> client().payouts(null, 0, 100))
        .isInstanceOfSatisfying(KlarnaException.class, e -> assertThat(e.status()).isEqualTo(502));
    assertThat(calls).isEqualTo(3);

    calls = 0;
    answers.clear();
    answers.add(400);
    assertThatThrownBy(() -> client().payouts(null, 0, 100)).isInstanceOf(KlarnaException.class);
    assertThat(calls).isEqualTo(1);
  }
}
