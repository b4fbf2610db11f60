package com.stepup.gateway.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** The README's verification snippet for partners compiles and accepts what the gateway sends. */
class ReadmeSnippetTest {

  @Test
  void theReadmesJavaSnippetVerifiesTheGatewaysSignatures() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int marker = readme.indexOf("<!-- partner-verify-snippet -->");
    assertThat(marker).as("the snippet's marker in README.md").isPositive();
    int start = readme.indexOf("```java\n", marker) + "```java\n".length();
    String source = readme.substring(start, readme.indexOf("```", start));

    Path dir = Files.createDirectories(Path.of("target", "readme-snippet"));
    Path file = dir.resolve("StepupWebhooks.java");
    Files.writeString(file, source);
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", dir.toString(), file.toString());
    assertThat(compiled).as("the snippet compiles").isZero();

    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()})) {
      Method verify =
          loader
              .loadClass("StepupWebhooks")
              .getMethod(
                  "verify", String.class, String.class, String.class, String.class, String.class);
      String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
      String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2});
      long now = System.currentTimeMillis() / 1000;
      String body = "{\"type\":\"payment.authorized\",\"data\":{\"id\":\"pay_1\"}}";
      String header = Signatures.standard(List.of(secret), "msg_1", now, body);
      String rotated = Signatures.standard(List.of(other, secret), "msg_1", now, body);

      assertThat(verify.invoke(null, secret, "msg_1", "" + now, body, header)).isEqualTo(true);
      assertThat(verify.invoke(null, secret, "msg_1", "" + now, body, rotated))
          .as("either signature of a rotation")
          .isEqualTo(true);
      assertThat(verify.invoke(null, other, "msg_1", "" + now, body, header)).isEqualTo(false);
      assertThat(verify.invoke(null, secret, "msg_1", "" + now, body + " ", header))
          .isEqualTo(false);
      assertThat(verify.invoke(null, secret, "msg_2", "" + now, body, header)).isEqualTo(false);
      String old = Signatures.standard(List.of(secret), "msg_1", now - 600, body);
      assertThat(verify.invoke(null, secret, "msg_1", "" + (now - 600), body, old))
          .as("a replay ten minutes later")
          .isEqualTo(false);
    }
  }
}
