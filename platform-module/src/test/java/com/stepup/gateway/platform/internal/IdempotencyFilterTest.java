package com.stepup.gateway.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdempotencyFilterTest {

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theSameJsonReorderedOrPrettyPrintedIsTheSameRequest() {
    String first =
        IdempotencyFilter.requestHash("POST", "api/v1/payments", bytes("{\"a\":1,\"b\":2}"));
    assertThat(
            IdempotencyFilter.requestHash(
                "POST", "api/v1/payments", bytes("{\n \"b\": 2,\n \"a\": 1\n}\n")))
        .isEqualTo(first);
    assertThat(IdempotencyFilter.requestHash("POST", "api/v1/payments", bytes("{\"a\":1,\"b\":3}")))
        .isNotEqualTo(first);
    assertThat(IdempotencyFilter.requestHash("POST", "api/v1/stores", bytes("{\"a\":1,\"b\":2}")))
        .isNotEqualTo(first);
  }

  @Test
  void aKeyStoredBeforeRequestsWereComparedAsJsonStillReplaysItsExactBytes() {
    byte[] body = bytes("{\"b\":2, \"a\":1}");
    String old = IdempotencyFilter.rawHash("POST", "api/v1/payments", body);
    assertThat(IdempotencyFilter.sameRequest(old, "POST", "api/v1/payments", body)).isTrue();
    assertThat(
            IdempotencyFilter.sameRequest(
                IdempotencyFilter.requestHash("POST", "api/v1/payments", body),
                "POST",
                "api/v1/payments",
                bytes("{\"a\":1,\"b\":2}")))
        .isTrue();
  }

  @Test
  void onlyAnAnswerThatDidSomethingIsKept() {
    // a 4xx did nothing: the corrected request may use the same key (issue 28)
    for (int status : new int[] {400, 401, 403, 404, 409, 413, 415, 422, 429}) {
      assertThat(IdempotencyFilter.keeps(status)).as("%s", status).isFalse();
    }
    // not finished, or may not have: a retry resumes what the resource bound to the key
    for (int status : new int[] {202, 500, 503}) {
      assertThat(IdempotencyFilter.keeps(status)).as("%s", status).isFalse();
    }
    for (int status : new int[] {200, 201, 204, 502}) {
      assertThat(IdempotencyFilter.keeps(status)).as("%s", status).isTrue();
    }
  }
}
