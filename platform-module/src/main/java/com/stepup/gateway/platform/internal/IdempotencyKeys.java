package com.stepup.gateway.platform.internal;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The table behind {@code Idempotency-Key}. Plain JDBC in auto-commit: each step is one statement
 * that must be visible to a concurrent duplicate at once, and none belongs to the request's
 * business transaction.
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
    OffsetDateTime now = now();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO idempotency_key (scope, idem_key, request_hash, state, created_at,"
                    + " updated_at) VALUES (?, ?, ?, 'RUNNING', ?, ?)")) {
      insert.setString(1, scope);
      insert.setString(2, key);
      insert.setString(3, requestHash);
      insert.setObject(4, now);
      insert.setObject(5, now);
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        return false;
      }
      throw new IllegalStateException("idempotency key store failed", e);
    }
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

  private void purgeHourly() {
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
