package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class JdbcUrlDataSourceTest {

  @Test
  void theUrlChoosesTheDriver() throws SQLException {
    assertThat(JdbcUrlDataSource.driverFor("jdbc:h2:mem:x")).isInstanceOf(org.h2.Driver.class);
    assertThat(JdbcUrlDataSource.driverFor("jdbc:postgresql://127.0.0.1:5432/gateway"))
        .isInstanceOf(org.postgresql.Driver.class);
  }

  @Test
  void anUnsupportedOrMissingUrlIsAClearError() {
    assertThatThrownBy(() -> JdbcUrlDataSource.driverFor("jdbc:mysql://db/gateway"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("jdbc:h2:")
        .hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(() -> JdbcUrlDataSource.driverFor(" "))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("gateway.db.url is not set");
  }

  @Test
  void connectsToH2WithTheGivenCredentials() throws SQLException {
    try (var c = JdbcUrlDataSource.connect("jdbc:h2:mem:ds-test", "sa", "secret")) {
      assertThat(c.isValid(1)).isTrue();
    }
  }

  @Test
  void postgresGetsBatchedInsertsRewrittenAndH2NothingBesidesTheCredentials() {
    var pg = JdbcUrlDataSource.properties("jdbc:postgresql://127.0.0.1:5432/gateway", "u", "p");
    assertThat(pg)
        .containsEntry("user", "u")
        .containsEntry("password", "p")
        .containsEntry("reWriteBatchedInserts", "true")
        .containsEntry("prepareThreshold", "5")
        .containsEntry("preparedStatementCacheQueries", "256");
    var h2 = JdbcUrlDataSource.properties("jdbc:h2:mem:x", "sa", null);
    assertThat(h2).containsOnlyKeys("user");
  }

  /** A batch of inserts reaches PostgreSQL as one multi-row insert (the driver says "no info"). */
  @Test
  @Tag("postgres")
  void onPostgresABatchOfInsertsIsOneStatement() throws SQLException {
    String url = System.getProperty("it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    try (var c = JdbcUrlDataSource.connect(url, "postgres", null)) {
      c.createStatement().execute("CREATE TEMPORARY TABLE batched (i INT)");
      try (var insert = c.prepareStatement("INSERT INTO batched VALUES (?)")) {
        for (int i = 0; i < 4; i++) {
          insert.setInt(1, i);
          insert.addBatch();
        }
        // (the driver rewrites in groups of a power of two: 4 rows, one statement)
        assertThat(insert.executeBatch())
            .as("rewritten into one statement, whose rows the driver does not count one by one")
            .containsExactly(
                Statement.SUCCESS_NO_INFO,
                Statement.SUCCESS_NO_INFO,
                Statement.SUCCESS_NO_INFO,
                Statement.SUCCESS_NO_INFO);
      }
      try (var rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM batched")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(4);
      }
    }
    // the URL's own parameter wins over the default
    try (var c =
        JdbcUrlDataSource.connect(url + "?reWriteBatchedInserts=false", "postgres", null)) {
      c.createStatement().execute("CREATE TEMPORARY TABLE unbatched (i INT)");
      try (var insert = c.prepareStatement("INSERT INTO unbatched VALUES (?)")) {
        for (int i = 0; i < 2; i++) {
          insert.setInt(1, i);
          insert.addBatch();
        }
        assertThat(insert.executeBatch()).containsExactly(1, 1);
      }
    }
  }

  @Test
  void anH2FileDatabaseKeepsEveryCommitWhenTheProcessIsKilled() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "h2-kill");
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), Killed.class.getName(), url)
            .inheritIO()
            .start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("the child halted itself like a kill -9").isEqualTo(9);
    try (var c = JdbcUrlDataSource.connect(url, "sa", "");
        var rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM committed")) {
      rows.next();
      assertThat(rows.getInt(1)).as("every commit made before the kill").isEqualTo(5);
    }
    assertThat(JdbcUrlDataSource.durable("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    assertThat(JdbcUrlDataSource.durable("jdbc:h2:file:./x;WRITE_DELAY=100"))
        .isEqualTo("jdbc:h2:file:./x;WRITE_DELAY=100");
  }

  /** The child: commits five rows, then stops at once (no shutdown hooks, no close). */
  static final class Killed {
    public static void main(String[] args) throws SQLException {
      try (var c = JdbcUrlDataSource.connect(args[0], "sa", "")) {
        c.createStatement().execute("CREATE TABLE committed (i INT)");
        for (int i = 0; i < 5; i++) {
          c.createStatement().execute("INSERT INTO committed VALUES (" + i + ")");
        }
        Runtime.getRuntime().halt(9);
      }
    }
  }
}
