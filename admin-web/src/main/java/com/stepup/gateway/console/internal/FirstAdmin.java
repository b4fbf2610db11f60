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

  @PostConstruct
  void createWhenNoUserExists() {
    if (users.any()) {
      return;
    }
    if (password.isEmpty() || LoginForm.check(username, password.get()).isPresent()) {
      LOG.warning(
          "No console user exists and gateway.admin.password is not set: nobody can log in until"
              + " GATEWAY_ADMIN_USERNAME and GATEWAY_ADMIN_PASSWORD are given.");
      return;
    }
    users.create(username.strip(), password.get().toCharArray(), ConsoleRole.PLATFORM_ADMIN, null);
    LOG.info(() -> "Created the first platform admin '" + username.strip() + "'");
  }
}
