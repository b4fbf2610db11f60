package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class FirstAdminTest {

  @Test
  void theFirstAdminsPasswordFollowsTheRuleOfEveryUser() {
    assertThat(FirstAdmin.refusal("admin", "short-pw", false))
        .hasValueSatisfying(r -> assertThat(r).contains("shorter than 12"));
    assertThat(FirstAdmin.refusal("admin", "eleven-char", false)).isPresent();
    assertThat(FirstAdmin.refusal("admin", "twelve-chars", false)).isEmpty();
    assertThat(FirstAdmin.refusal("admin", null, false)).isPresent();
    assertThat(FirstAdmin.refusal("admin", "", false)).isPresent();
  }

  @Test
  void onlyDemoModeTakesTheDemosShortPassword() {
    assertThat(FirstAdmin.refusal("admin", "admin-demo", true)).isEmpty();
    assertThat(FirstAdmin.refusal("admin", "admin-demo", false)).isPresent();
  }

  @Test
  void everyRoleTheAuditRecordsHasWords() throws Exception {
    var messages = new Properties();
    try (var in = FirstAdminTest.class.getResourceAsStream("/messages.properties")) {
      messages.load(in);
    }
    for (ConsoleRole role : ConsoleRole.values()) {
      assertThat(messages.getProperty("role." + role.name())).as(role.name()).isNotBlank();
    }
    assertThat(messages.getProperty("role." + ConsoleAudit.NO_ROLE))
        .as("a lockout, recorded with no one logged in")
        .isNotBlank();
  }
}
