package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the start scripts print ends up in logs (bench.sh, a service's journal): no keys. */
class DemoScriptTest {

  @Test
  void theDemoBannerNamesWhereTheKeysAreAndNeverTheKeys() throws Exception {
    String script = Files.readString(Path.of("..", "run-demo.sh"));
    int start = script.indexOf("<<BANNER");
    int end = script.indexOf("\nBANNER", start);
    assertThat(start).as("the banner").isPositive();
    // an escaped \$ is printed as it is (the curl line shows the command, not the key)
    String banner = script.substring(start, end).replace("\\$", "");
    assertThat(banner)
        .doesNotContain("SANDBOX_KEY}", "KLARNA_API_KEY}", "GATEWAY_SECRETS_KEY")
        .doesNotContain("$(cat", "${GATEWAY_ADMIN_PASSWORD}")
        .contains(
            "sandbox-api-key", "${GATEWAY_DEMO_KEY_FILE}", "${GATEWAY_DEMO_WEBHOOK_SECRET_FILE}");
  }

  @Test
  void everyServerStartIsWithoutTheDataGrid() throws Exception {
    for (String file :
        new String[] {"run-demo.sh", "cluster.sh", "sandbox-https.sh", "README.md"}) {
      String text = Files.readString(Path.of("..", file));
      for (String line : text.split("\n")) {
        // every line that starts Payara Micro with a deployment carries --nohazelcast
        if (line.contains("--deploy") && (line.contains("--port") || line.contains("--rootdir"))
            || line.contains("payara-micro.jar --")) {
          assertThat(line).as(file + ": " + line).contains("--nohazelcast");
          assertThat(line).as(file + ": " + line).doesNotContain("--nocluster");
        }
      }
    }
    String arquillian = Files.readString(Path.of("src", "test", "resources", "arquillian.xml"));
    assertThat(arquillian)
        .contains("--nohazelcast")
        .contains("<property name=\"clusterEnabled\">true</property>");
  }
}
