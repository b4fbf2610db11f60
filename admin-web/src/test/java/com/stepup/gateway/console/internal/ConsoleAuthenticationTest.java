package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConsoleAuthenticationTest {

  private static String basic(String raw) {
    return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsUsernameAndPasswordFromBasic() {
    var credential = ConsoleAuthentication.basicCredential(basic("admin:pa:ss"));
    assertThat(credential.getCaller()).isEqualTo("admin");
    assertThat(credential.getPasswordAsString())
        .as("colons belong to the password")
        .isEqualTo("pa:ss");
    assertThat(ConsoleAuthentication.basicCredential("basic " + basic("a:b").substring(6)))
        .isNotNull();
  }

  @Test
  void ignoresWhatIsNotBasic() {
    assertThat(ConsoleAuthentication.basicCredential(null)).isNull();
    assertThat(ConsoleAuthentication.basicCredential("Bearer abc")).isNull();
    assertThat(ConsoleAuthentication.basicCredential("Basic !!!not-base64")).isNull();
    assertThat(ConsoleAuthentication.basicCredential(basic("no-colon"))).isNull();
    assertThat(ConsoleAuthentication.basicCredential(basic(":no-user"))).isNull();
  }
}
