package com.stepup.gateway.klarna.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaStore;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KlarnaErrorsTest {

  @Test
  void klarnasErrorBodyIsKeptWithItsFields() {
    KlarnaException e =
        KlarnaErrors.parse(
            400,
            "{\"error_id\":\"e-1\",\"error_type\":\"INPUT_ERROR\",\"error_code\":\"VALIDATION_ERROR\","
                + "\"error_message\":\"Bad store\",\"validation_errors\":"
                + "[{\"parameter\":\"address\",\"reason\":\"is required\"}]}",
            null);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(e.correlationId()).isEqualTo("e-1");
    assertThat(e.retryable()).isFalse();
    assertThat(e.describe()).isEqualTo("HTTP 400 VALIDATION_ERROR: Bad store; address is required");
  }

  @Test
  void whatMaySucceedLaterIsRetryable() {
    assertThat(KlarnaErrors.parse(500, "<html>proxy</html>", "c-1").retryable()).isTrue();
    assertThat(KlarnaErrors.parse(429, "", null).retryable()).isTrue();
    assertThat(KlarnaErrors.parse(409, "{}", null).outcome())
        .as("the same key still running at Klarna: asked again, never a refusal")
        .isEqualTo(KlarnaException.Outcome.IN_FLIGHT);
    assertThat(KlarnaErrors.parse(400, "{}", null).retryable()).isFalse();
    KlarnaException timeout = KlarnaException.unreachable(new SocketTimeoutException("Read"));
    assertThat(timeout.retryable()).isTrue();
    assertThat(timeout.describe()).startsWith("no answer");
  }

  @Test
  void aStoreIsSentWithKlarnasFieldNames() {
    var store =
        new KlarnaStore(
            "PHYSICAL_STORE",
            "store-1",
            null,
            new KlarnaStore.Address("800 N. High St", null, "43215", "Columbus", null, "US"),
            null,
            null,
            List.of());
    assertThat(store.toJson().toString())
        .isEqualTo(
            "{\"type\":\"PHYSICAL_STORE\",\"store_reference\":\"store-1\",\"address\":"
                + "{\"street_address\":\"800 N. High St\",\"postal_code\":\"43215\","
                + "\"city\":\"Columbus\",\"country\":\"US\"}}");
  }
}
