package com.stepup.gateway.app;

import com.stepup.gateway.platform.ClusterSignals;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * {@link ClusterSignals} over PostgreSQL's {@code LISTEN/NOTIFY} on the channel {@code
 * gateway_signals}, on two connections of its own outside the pool: one that listens (a thread
 * waiting on {@code getNotifications}), one that sends ({@code pg_notify}, one after another, off
 * the caller's thread). A payload is {@code topic|instance|message}; an instance ignores its own.
 * On another database it does nothing and says so ({@link #crossInstance()} false).
 */
@ApplicationScoped
public class PostgresSignals implements ClusterSignals {

  private static final Logger LOG = Logger.getLogger(PostgresSignals.class.getName());
  static final String CHANNEL = "gateway_signals";

  private final String instance = UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cluster signals: send");
            t.setDaemon(true);
            return t;
          });
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private volatile Connection sending;
  private volatile boolean listening;
  private volatile boolean stopped;

  private volatile JdbcUrlDataSource.Settings db;

  public PostgresSignals() {}

  /** With these connection settings instead of the configured ones (tests). */
  PostgresSignals(JdbcUrlDataSource.Settings db) {
    this.db = db;
  }

  /** The configured connection settings, read once. */
  private JdbcUrlDataSource.Settings db() {
    if (db == null) {
      db =
          JdbcUrlDataSource.Settings.from(
              ConfigProvider.getConfig(PostgresSignals.class.getClassLoader()));
    }
    return db;
  }

  @Override
  public boolean crossInstance() {
    String url = db().url();
    return url != null && url.startsWith("jdbc:postgresql:");
  }

  @Override
  public void publish(String topic, String message) {
    if (!crossInstance() || stopped) {
      return;
    }
    String payload = topic + "|" + instance + "|" + message;
    if (!queued.add(payload)) {
      return; // the same signal is still waiting to go: one commit's several changes send one
    }
    sender.execute(
        () -> {
          queued.remove(payload);
          try {
            if (sending == null || sending.isClosed()) {
              sending = connect();
            }
            try (PreparedStatement s = sending.prepareStatement("SELECT pg_notify(?, ?)")) {
              s.setString(1, CHANNEL);
              s.setString(2, payload);
              s.execute();
            }
          } catch (SQLException e) {
            LOG.log(Level.FINE, "A cluster signal was not sent; the others' sweep finds it", e);
            close(sending);
            sending = null;
          }
        });
  }

  @Override
  public synchronized void subscribe(String topic, Consumer<String> listener) {
    listeners.computeIfAbsent(topic, k -> new CopyOnWriteArrayList<>()).add(listener);
    if (!listening && crossInstance()) {
      listening = true;
      Thread t = new Thread(this::listen, "cluster signals: listen");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Listens until stopped, connecting again a second after a failure. */
  private void listen() {
    while (!stopped) {
      try (Connection c = connect()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        LOG.info("Listening for the other gateway instances' changes (PostgreSQL NOTIFY)");
        while (!stopped) {
          PGNotification[] got = pg.getNotifications(1000);
          if (got != null) {
            for (PGNotification n : got) {
              dispatch(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!stopped) {
          LOG.log(Level.WARNING, "Cluster signals: listening failed; again in a second", e);
          try {
            Thread.sleep(1000);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** This instance's tag in the payloads it sends. */
  String instanceTag() {
    return instance;
  }

  void dispatch(String payload) {
    String[] parts = payload.split("\\|", 3);
    if (parts.length < 3 || parts[1].equals(instance)) {
      return;
    }
    for (Consumer<String> l : listeners.getOrDefault(parts[0], List.of())) {
      try {
        l.accept(parts[2]);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A cluster signal's listener failed", e);
      }
    }
  }

  private Connection connect() throws SQLException {
    var s = db();
    Connection c = JdbcUrlDataSource.connect(s.url(), s.user(), s.password());
    c.setAutoCommit(true);
    return c;
  }

  private static void close(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // closing what failed
    }
  }

  @PreDestroy
  void stop() {
    stopped = true;
    sender.shutdownNow();
    close(sending);
  }
}
