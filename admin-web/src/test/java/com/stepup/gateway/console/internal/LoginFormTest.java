package com.stepup.gateway.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginFormTest {

  @Test
  void emptyFieldsAskForBoth() {
    assertThat(LoginForm.check("", "pw")).contains("login.error.required");
    assertThat(LoginForm.check("  ", "pw")).contains("login.error.required");
    assertThat(LoginForm.check("admin", "")).contains("login.error.required");
    assertThat(LoginForm.check(null, null)).contains("login.error.required");
  }

  @Test
  void overLongInputIsRefusedBeforeAnyHashing() {
    assertThat(LoginForm.check("a".repeat(101), "pw")).contains("login.error.tooLong");
    assertThat(LoginForm.check("admin", "p".repeat(201))).contains("login.error.tooLong");
    assertThat(LoginForm.check("a".repeat(100), "p".repeat(200))).isEmpty();
  }

  @Test
  void controlCharactersInTheUsernameAreInvalid() {
    assertThat(LoginForm.check("ad\u0000min", "pw")).contains("login.error.invalid");
    assertThat(LoginForm.check("admin\n", "pw")).contains("login.error.invalid");
  }

  @Test
  void markupIsJustAWrongUsername() {
    assertThat(LoginForm.check("<script>alert(1)</script>", "pw")).isEmpty();
  }

  @Test
  void everyMessageKeyExistsInTheBundle() {
    var bundle = ConsoleTemplates.bundle();
    for (String key :
        new String[] {"login.error.required", "login.error.tooLong", "login.error.invalid"}) {
      assertThat(bundle.getProperty(key)).as(key).isNotBlank();
    }
  }
}
