package com.stepup.gateway.console.internal;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first platform admin from {@code gateway.admin.username}/{@code .password} when the
 * console has no user yet. Runs at start, once the schema migrations have run.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class FirstAdmin {

  private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

  @Inject ConsoleUsers users;

  @Inject
  @ConfigProperty(name = "gateway.admin.username", defaultValue = "admin")
  String username;

  @Inject
  @ConfigProperty(name = "gateway.admin.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "gateway.demo", defaultValue = "false")
  boolean demo;

  @PostConstruct
  void createWhenNoUserExists() {
    if (users.any()) {
      return;
    }
    var refused = refusal(username, password.orElse(null), demo);
    if (refused.isPresent()) {
      LOG.warning(
          "No console user exists and "
              + refused.get()
              + ": nobody can log in until GATEWAY_ADMIN_USERNAME and GATEWAY_ADMIN_PASSWORD are"
              + " given.");
      return;
    }
    users.create(username.strip(), password.get().toCharArray(), ConsoleRole.PLATFORM_ADMIN, null);
    LOG.info(() -> "Created the first platform admin '" + username.strip() + "'");
  }

  /**
   * Why the first admin cannot be created from these settings, or empty when it can. The password
   * follows the rule of every console user (at least {@link ConsoleUsers#MIN_PASSWORD}); only the
   * demo's well-known short one is let through in demo mode, which is no place for real money.
   */
  static Optional<String> refusal(String username, String password, boolean demo) {
    if (password == null || LoginForm.check(username, password).isPresent()) {
      return Optional.of("gateway.admin.password is not set");
    }
    if (password.length() < ConsoleUsers.MIN_PASSWORD && !demo) {
      return Optional.of(
          "gateway.admin.password is shorter than " + ConsoleUsers.MIN_PASSWORD + " characters");
    }
    return Optional.empty();
  }
}
