package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

  @Test
  void signingInParallelWithManyKeysGivesTheSingleThreadAnswers() throws Exception {
    int tasks = 400;
    byte[][] keys = new byte[tasks][];
    byte[][] bodies = new byte[tasks][];
    byte[][] expected = new byte[tasks][];
    for (int i = 0; i < tasks; i++) {
      keys[i] = ("key-" + (i % 7)).getBytes(StandardCharsets.UTF_8);
      bodies[i] =
          ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i) + "\"}").getBytes(StandardCharsets.UTF_8);
      // the single-thread answer, from a Mac of its own
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys[i], "HmacSHA256"));
      expected[i] = mac.doFinal(bodies[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<byte[]>> signed = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < tasks; i++) {
          int n = i;
          signed.add(
              pool.submit(
                  () -> {
                    go.await();
                    // in two parts, so one thread's update between another's would show
                    int half = bodies[n].length / 2;
                    return Signatures.hmac(
                        keys[n],
                        Arrays.copyOfRange(bodies[n], 0, half),
                        Arrays.copyOfRange(bodies[n], half, bodies[n].length));
                  }));
        }
      }
      go.countDown();
      for (int k = 0; k < signed.size(); k++) {
        assertThat(signed.get(k).get(30, TimeUnit.SECONDS))
            .as("signature %d", k)
            .isEqualTo(expected[k % tasks]);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(Signatures.klarna("key-secret", BODY))
        .as("and a thread that signed many keys still signs with the one it is given")
        .isEqualTo(HexFormat.of().formatHex(expectedHmac("key-secret", BODY)));
  }

  private static byte[] expectedHmac(String key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(body);
  }
}
