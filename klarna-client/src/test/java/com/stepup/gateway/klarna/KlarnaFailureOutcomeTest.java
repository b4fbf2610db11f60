package com.stepup.gateway.klarna;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.klarna.KlarnaException.Outcome;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Klarna failure is read once: refused, unknown or in flight (issue 25). */
class KlarnaFailureOutcomeTest {

  static KlarnaException answered(int status, String code) {
    return new KlarnaException(status, null, code, "m", null, List.of());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 413, 422})
  void aClientErrorIsRefusedAndNotSentAgain(int status) {
    KlarnaException e = answered(status, "VALIDATION_ERROR");
    assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(e.refused()).isTrue();
    assertThat(e.retryable()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void aServerErrorATimeOutOrARateLimitIsUnknownAndAskedAgainWithTheSameKey(int status) {
    KlarnaException e = answered(status, "INTERNAL_ERROR");
    assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(e.refused()).isFalse();
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void noAnswerAtAllIsUnknown() {
    KlarnaException e = KlarnaException.unreachable(new SocketTimeoutException("Read timed out"));
    assertThat(e.status()).isZero();
    assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(e.outcome().askAgain()).isTrue();
  }

  /**
   * Klarna answers 409 RESOURCE_CONFLICT to a retry whose first call with the same key is still
   * being processed: never a refusal (issue 33: a slow authorize ended failed while Klarna captured
   * it).
   */
  @Test
  void aConflictIsInFlightWaitedForAndAskedAgain() {
    KlarnaException e = answered(409, "RESOURCE_CONFLICT");
    assertThat(e.outcome()).isEqualTo(Outcome.IN_FLIGHT);
    assertThat(e.refused()).isFalse();
    assertThat(e.outcome().askAgain()).isTrue();
    assertThat(e.aboutTheResource()).isTrue();
  }

  @Test
  void onlyForbiddenAndConflictAreAboutTheResource() {
    assertThat(answered(403, "OPERATION_FORBIDDEN").aboutTheResource()).isTrue();
    assertThat(answered(400, "VALIDATION_ERROR").aboutTheResource()).isFalse();
    assertThat(answered(503, null).aboutTheResource()).isFalse();
  }
}
