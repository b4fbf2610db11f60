package com.stepup.gateway.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void tokensAndPersonalDataAreRedactedWhateverTheirShape() {
    String redacted =
        Redaction.redact(
            "{\"amount\":100,\"klarna_network_session_token\":\"tok-1\","
                + "\"customer\":{\"email\":\"ada@example.com\",\"phone\":\"+4915112345678\"},"
                + "\"supplementary_purchase_data\":{\"purchase_reference\":\"o-1\","
                + "\"shipping\":[{\"recipient\":{\"family_name\":\"Lovelace\"},"
                + "\"address\":{\"street_address\":\"Main St 1\"}}]},"
                + "\"payload\":{\"klarna_customer\":{\"customer_profile\":{\"given_name\":\"Ada\"}}}}");
    assertThat(redacted)
        .doesNotContain("tok-1", "ada@example.com", "+4915", "Lovelace", "Main St 1", "Ada\"")
        .contains("\"amount\":100", "\"purchase_reference\":\"o-1\"");
  }

  @Test
  void anAbsentCustomerStaysNull() {
    assertThat(Redaction.redact("{\"customer\":null}")).isEqualTo("{\"customer\":null}");
  }
}
