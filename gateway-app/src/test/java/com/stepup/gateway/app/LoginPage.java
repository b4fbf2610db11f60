package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;

/** The login page, located by the ids the template gives it. */
final class LoginPage {
  private final ConsoleBrowser console;

  LoginPage(ConsoleBrowser console) {
    this.console = console;
    assertThat(console.displayed("#login-form")).isTrue();
  }

  /** Posts the form and waits for the page it leads to; a null username leaves the field be. */
  LoginPage logIn(String username, String password) {
    if (username != null) {
      console.fill(By.id("username"), username);
    }
    console.type(By.id("password"), password);
    console.submitWith("#login-submit");
    return this;
  }

  LoginPage logIn(ConsoleFixtures.User user) {
    return logIn(user.username(), user.password());
  }

  /** Logs {@code user} in and expects the dashboard. */
  DashboardPage logInAs(ConsoleFixtures.User user) {
    return logIn(user).expectDashboard();
  }

  /** Sets a field past its maxlength, as a hand-made request could. */
  void forceValue(String id, String value) {
    console.script(
        "const f = document.getElementById(arguments[0]); f.removeAttribute('maxlength');"
            + " f.value = arguments[1];",
        id,
        value);
  }

  DashboardPage expectDashboard() {
    return new DashboardPage(console);
  }

  String error() {
    return console.text("[data-testid=login-error]");
  }

  String info() {
    return console.text("[data-testid=login-info]");
  }

  String username() {
    return console.attribute("#username", "value");
  }
}
