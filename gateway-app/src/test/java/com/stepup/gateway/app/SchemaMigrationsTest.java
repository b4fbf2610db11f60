package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.assertj.core.api.Assertions;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every module's migrations, run the way the gateway runs them at start, on H2 and on PostgreSQL
 * (the latter with {@code mvn -Ppostgres}, against a database made for the run and dropped after).
 */
class SchemaMigrationsTest {

  @Test
  void migrateOnH2() throws SQLException {
    var ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:migrations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migrateTwiceAndUseTheSchema(ds);
  }

  @Test
  @Tag("postgres")
  void migrateOnPostgres() throws SQLException {
    String serverUrl =
        System.getProperty("it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    String database = "gateway_migrations_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = DriverManager.getConnection(serverUrl, "postgres", "")) {
      admin.createStatement().execute("CREATE DATABASE " + database);
    }
    try {
      var ds = new PGSimpleDataSource();
      ds.setURL(serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database);
      ds.setUser("postgres");
      migrateTwiceAndUseTheSchema(ds);
    } finally {
      try (Connection admin = DriverManager.getConnection(serverUrl, "postgres", "")) {
        admin.createStatement().execute("DROP DATABASE " + database + " WITH (FORCE)");
      }
    }
  }

  private static void migrateTwiceAndUseTheSchema(DataSource ds) throws SQLException {
    var first = SchemaMigrations.configure(ds).load().migrate();
    assertThat(first.success).isTrue();
    assertThat(first.migrationsExecuted).isPositive();

    var again = SchemaMigrations.configure(ds).load().migrate();
    assertThat(again.migrationsExecuted).as("a second start applies nothing").isZero();
    assertThat(SchemaMigrations.configure(ds).load().validateWithResult().validationSuccessful)
        .isTrue();

    try (Connection c = ds.getConnection()) {
      var insert =
          c.prepareStatement(
              "INSERT INTO console_user (id, username, password_hash, role, enabled, created_at)"
                  + " VALUES (?, ?, 'hash', 'SUPPORT', TRUE, CURRENT_TIMESTAMP)");
      insert.setLong(1, 1);
      insert.setString(2, "support-1");
      assertThat(insert.executeUpdate()).isEqualTo(1);

      var badRole =
          c.prepareStatement(
              "INSERT INTO console_user (id, username, password_hash, role, enabled, created_at)"
                  + " VALUES (2, 'x', 'hash', 'ROOT', TRUE, CURRENT_TIMESTAMP)");
      Assertions.assertThatThrownBy(badRole::executeUpdate)
          .as("the schema refuses a role the console does not know")
          .isInstanceOf(SQLException.class);
    }
  }
}
