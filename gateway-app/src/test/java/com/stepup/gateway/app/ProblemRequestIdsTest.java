package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemRequestIdsTest {

  @Test
  void aProblemNamesItsRequestOnce() {
    assertThat(
            ProblemRequestIds.withRequestId("{\"type\":\"about:blank\",\"status\":400}", "req_1"))
        .isEqualTo("{\"type\":\"about:blank\",\"status\":400,\"request_id\":\"req_1\"}");
    assertThat(ProblemRequestIds.withRequestId("{\"request_id\":\"req_0\"}", "req_1")).isNull();
    assertThat(ProblemRequestIds.withRequestId("not json", "req_1")).isNull();
  }

  @Test
  void requestIdsAreDistinctAndHeaderSafe() {
    String a = RequestIds.next();
    assertThat(a).matches("req_[0-9a-f]{16}").isNotEqualTo(RequestIds.next());
  }
}
