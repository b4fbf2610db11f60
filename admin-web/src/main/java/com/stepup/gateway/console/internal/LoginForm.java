package com.stepup.gateway.console.internal;

import java.util.Optional;

/** What a login form must hold before it is checked against the users at all. */
final class LoginForm {

  static final int MAX_USERNAME = 100;
  static final int MAX_PASSWORD = 200;

  private LoginForm() {}

  /** The message key of the first problem, or empty when the input may be checked. */
  static Optional<String> check(String username, String password) {
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      return Optional.of("login.error.required");
    }
    if (username.length() > MAX_USERNAME || password.length() > MAX_PASSWORD) {
      return Optional.of("login.error.tooLong");
    }
    if (username.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("login.error.invalid");
    }
    return Optional.empty();
  }
}
