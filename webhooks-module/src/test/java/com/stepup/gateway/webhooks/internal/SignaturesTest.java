package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignaturesTest {

  private static final byte[] BODY =
      "{\"metadata\":{\"event_id\":\"e-1\"}}".getBytes(StandardCharsets.UTF_8);

  @Test
  void standardWebhooksSignaturesMatchTheSpecificationsTestVector() {
    // the test vector of the Standard Webhooks specification and its reference libraries
    assertThat(
            Signatures.standard(
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                "{\"test\": 2432232314}"))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void duringARotationBothSecretsSign() {
    String both = Signatures.standard(List.of("whsec_AAAA", "whsec_BBBB"), "msg_1", 1, "{}");
    assertThat(both.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
    assertThat(both.split(" ")[0])
        .isEqualTo(Signatures.standard(List.of("whsec_AAAA"), "msg_1", 1, "{}"));
  }

  @Test
  void klarnasSignatureIsLowerCaseHexOverTheExactBytes() {
    String signature = Signatures.klarna("key-secret", BODY);
    assertThat(signature).matches("[0-9a-f]{64}");
    assertThat(Signatures.klarnaMatches("key-secret", BODY, signature)).isTrue();
    assertThat(Signatures.klarnaMatches("key-secret", BODY, signature.toUpperCase()))
        .as("hex is hex in either case")
        .isTrue();
    assertThat(Signatures.klarnaMatches("other-secret", BODY, signature)).isFalse();
    byte[] tampered = BODY.clone();
    tampered[5] ^= 1;
    assertThat(Signatures.klarnaMatches("key-secret", tampered, signature)).isFalse();
    assertThat(Signatures.klarnaMatches("key-secret", BODY, "not-hex")).isFalse();
    assertThat(Signatures.klarnaMatches("key-secret", BODY, null)).isFalse();
    assertThat(Signatures.klarnaMatches("key-secret", BODY, signature.substring(2))).isFalse();
  }

  @Test
  void configuredKeysAllowBase64PaddingAndSeveralKeys() {
    assertThat(
            WebhookSettings.parseKeys(
                "krn:partner:global:notification:signing-key:1=abc==, key-2 = s2 ,broken,=x"))
        .isEqualTo(Map.of("krn:partner:global:notification:signing-key:1", "abc==", "key-2", "s2"));
    assertThat(WebhookSettings.parseKeys("")).isEmpty();
  }

  @Test
  void theRetryScheduleReadsSecondsMinutesHoursAndDays() {
    assertThat(WebhookSettings.parseSchedule("5s, 2m,1h,1d"))
        .containsExactly(
            Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofDays(1));
    assertThatThrownBy(() -> WebhookSettings.parseSchedule("5x"))
        .hasMessageContaining("retry-schedule");
    assertThatThrownBy(() -> WebhookSettings.parseSchedule("s"))
        .hasMessageContaining("retry-schedule");
  }
}
