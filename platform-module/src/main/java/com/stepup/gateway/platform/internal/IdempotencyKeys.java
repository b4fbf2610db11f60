package com.stepup.gateway.platform.internal;

import com.stepup.gateway.platform.IdempotencyClaim;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The table behind {@code Idempotency-Key}. Plain JDBC on the JTA datasource: outside a transaction
 * each step is one auto-committed statement, visible to a concurrent duplicate at once; a resource
 * that claims the key itself ({@link ResourceClaim}) writes the claim and the answer inside its own
 * transactions, where they commit with its work.
 */
@ApplicationScoped
class IdempotencyKeys {

  /** What a key holds: its request's hash and, once done, the response. */
  record Entry(
      String requestHash,
      boolean done,
      int status,
      String type,
      String location,
      String body,
      OffsetDateTime updatedAt) {}

  @Resource(lookup = "java:app/jdbc/gateway")
  DataSource dataSource;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "gateway.idempotency.retention-hours", defaultValue = "48")
  long retentionHours;

  @Inject
  @ConfigProperty(name = "gateway.idempotency.running-timeout-seconds", defaultValue = "120")
  long runningTimeoutSeconds;

  private final AtomicReference<OffsetDateTime> lastPurge = new AtomicReference<>();

  /** Claims the key for a first run; false when it exists already. */
  boolean claim(String scope, String key, String requestHash) {
    purgeHourly();
    return insert(scope, key, requestHash, null);
  }

  /**
   * Inserts the key, running, or done with {@code answer}: in the caller's transaction when there
   * is one (the JTA datasource enlists), else on its own. False when another request's row holds it
   * (or holds its lock past the lock time-out: that request is running).
   */
  boolean insert(String scope, String key, String requestHash, IdempotencyClaim.Answer answer) {
    OffsetDateTime now = now();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO idempotency_key (scope, idem_key, request_hash, state,"
                    + " response_status, response_type, response_location, response_body,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, scope);
      insert.setString(2, key);
      insert.setString(3, requestHash);
      insert.setString(4, answer == null ? "RUNNING" : "DONE");
      insert.setObject(5, answer == null ? null : answer.status(), Types.INTEGER);
      insert.setString(6, answer == null ? null : answer.type());
      insert.setString(7, answer == null ? null : answer.location());
      insert.setString(8, answer == null ? null : answer.body());
      insert.setObject(9, now);
      insert.setObject(10, now);
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (taken(e)) {
        return false;
      }
      throw new IllegalStateException("idempotency key store failed", e);
    }
  }

  /**
   * A unique-key violation (23xxx), or a lock time-out on the key's row (H2 50200, PostgreSQL
   * 55P03): another request inserted it first.
   */
  static boolean taken(SQLException e) {
    String state = e.getSQLState();
    return state != null
        && (state.startsWith("23") || state.equals("50200") || state.equals("55P03"));
  }

  Optional<Entry> find(String scope, String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT request_hash, state, response_status, response_type, response_location,"
                    + " response_body, updated_at FROM idempotency_key WHERE scope = ? AND"
                    + " idem_key = ?")) {
      select.setString(1, scope);
      select.setString(2, key);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Entry(
                row.getString(1),
                "DONE".equals(row.getString(2)),
                row.getInt(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getObject(7, OffsetDateTime.class)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("idempotency key store failed", e);
    }
  }

  /**
   * Takes over a key whose first request has been running longer than the configured time-out (its
   * server died); only one of several takers wins.
   */
  boolean takeOverIfAbandoned(String scope, String key, Entry entry) {
    OffsetDateTime now = now();
    if (entry.done() || entry.updatedAt().isAfter(now.minusSeconds(runningTimeoutSeconds))) {
      return false;
    }
    return update(
            "UPDATE idempotency_key SET updated_at = ? WHERE scope = ? AND idem_key = ? AND state"
                + " = 'RUNNING' AND updated_at = ?",
            now,
            scope,
            key,
            entry.updatedAt())
        == 1;
  }

  void complete(String scope, String key, int status, String type, String location, String body) {
    update(
        "UPDATE idempotency_key SET state = 'DONE', response_status = ?, response_type = ?,"
            + " response_location = ?, response_body = ?, updated_at = ? WHERE scope = ? AND"
            + " idem_key = ?",
        status,
        type,
        location,
        body,
        now(),
        scope,
        key);
  }

  /** Forgets a key whose request ended without a result worth keeping, so a retry runs again. */
  void release(String scope, String key) {
    update("DELETE FROM idempotency_key WHERE scope = ? AND idem_key = ?", scope, key);
  }

  /** Forgets keys past their retention, at most once an hour. */
  void purgeHourly() {
    OffsetDateTime now = now();
    OffsetDateTime last = lastPurge.get();
    if ((last == null || last.isBefore(now.minusHours(1))) && lastPurge.compareAndSet(last, now)) {
      update(
          "DELETE FROM idempotency_key WHERE created_at < ?",
          now.minus(Duration.ofHours(Math.max(24, retentionHours))));
    }
  }

  private int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("idempotency key store failed", e);
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
