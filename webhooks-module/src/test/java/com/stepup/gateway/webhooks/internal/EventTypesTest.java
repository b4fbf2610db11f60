package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventTypesTest {

  @Test
  void noChoiceIsEveryTypeAndAWildcardAFamily() {
    assertThat(EventTypes.wanted(List.of(), "dispute.won")).isTrue();
    assertThat(EventTypes.wanted(List.of("payment.*"), "payment.captured")).isTrue();
    assertThat(EventTypes.wanted(List.of("payment.*"), "dispute.opened")).isFalse();
    assertThat(EventTypes.wanted(List.of("payment.authorized"), "payment.authorization_expired"))
        .isFalse();
    assertThat(EventTypes.wanted(List.of("dispute.won"), "ping")).as("the test always").isTrue();
  }

  @Test
  void onlyKnownTypesAndWildcardsMayBeChosen() {
    assertThat(EventTypes.known("payment.captured")).isTrue();
    assertThat(EventTypes.known("dispute.*")).isTrue();
    assertThat(EventTypes.known("payment.capture")).isFalse();
    assertThat(EventTypes.known("*")).isFalse();
    assertThat(EventTypes.parse(EventTypes.join(List.of("payment.*", "dispute.won"))))
        .containsExactly("payment.*", "dispute.won");
    assertThat(EventTypes.parse(null)).isEmpty();
  }

  /**
   * Issue 28: the contract declares a webhook (x-webhooks) for every type the gateway sends, and
   * for none it does not, so a new type cannot reach partners undocumented.
   */
  @Test
  void theContractDeclaresAWebhookForEveryTypeSentAndNoOther() throws Exception {
    String doc =
        Files.readString(Path.of("..", "gateway-app/src/main/resources/META-INF/openapi.yaml"));
    int start = doc.indexOf("\nx-webhooks:\n");
    assertThat(start).as("x-webhooks in the contract").isPositive();
    int end = doc.indexOf("\ncomponents:\n", start);
    List<String> declared = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^  ([a-z_.]+):$").matcher(doc.substring(start, end));
    while (m.find()) {
      declared.add(m.group(1));
    }
    List<String> sent = new ArrayList<>(EventTypes.ALL);
    sent.add(EventTypes.PING);
    assertThat(declared).containsExactlyInAnyOrderElementsOf(sent);
  }
}
