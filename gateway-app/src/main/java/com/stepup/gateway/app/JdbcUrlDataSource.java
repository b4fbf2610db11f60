package com.stepup.gateway.app;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A {@link DataSource} configured by {@code gateway.db.url}, {@code .user} and {@code .password}
 * whose URL alone picks the JDBC driver, H2 or PostgreSQL. The drivers are instantiated directly
 * rather than found through {@code DriverManager}, whose service loading does not see the WAR's
 * jars inside the server. The server's pool wraps it.
 */
public class JdbcUrlDataSource implements DataSource {

  private volatile Settings settings;
  private int loginTimeout;

  /** The connection settings as configured; read once. */
  record Settings(String url, String user, String password) {

    static Settings from(Config config) {
      return new Settings(
          config.getOptionalValue("gateway.db.url", String.class).orElse(null),
          config.getOptionalValue("gateway.db.user", String.class).orElse(null),
          config.getOptionalValue("gateway.db.password", String.class).orElse(null));
    }
  }

  private Settings settings() {
    if (settings == null) {
      settings = Settings.from(ConfigProvider.getConfig(JdbcUrlDataSource.class.getClassLoader()));
    }
    return settings;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Settings s = settings();
    return connect(s.url(), s.user(), s.password());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return connect(settings().url(), username, password);
  }

  static Connection connect(String url, String user, String password) throws SQLException {
    Connection connection = driverFor(url).connect(durable(url), properties(url, user, password));
    if (connection == null) {
      throw new SQLException("The driver does not accept the configured gateway.db.url");
    }
    return connection;
  }

  /**
   * What the driver is given besides the URL (whose own parameters win over these). On PostgreSQL:
   * a batch of inserts (EclipseLink's batch writing: a change's timeline rows, a group of inbox
   * events) goes as one multi-row {@code INSERT} ({@code reWriteBatchedInserts}); and the driver's
   * per-connection cache of server-prepared statements is kept at its defaults, said here so they
   * are a decision: up to 256 statements ({@code preparedStatementCacheQueries}), each prepared on
   * the server from its 5th use on a connection ({@code prepareThreshold}; the pool's statement
   * cache, {@code GatewayDatabase}, reuses the statement objects themselves).
   */
  static Properties properties(String url, String user, String password) {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    if (url != null && url.startsWith("jdbc:postgresql:")) {
      props.setProperty("reWriteBatchedInserts", "true");
      props.setProperty("prepareThreshold", "5");
      props.setProperty("preparedStatementCacheQueries", "256");
    }
    return props;
  }

  /**
   * An H2 file database commits to its file only every half second by default, so a killed process
   * would lose payments it had already answered for; {@code WRITE_DELAY=0} writes each commit
   * through (unless the URL chose otherwise).
   */
  static String durable(String url) {
    if (url.startsWith("jdbc:h2:")
        && !url.startsWith("jdbc:h2:mem:")
        && !url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=")) {
      return url + ";WRITE_DELAY=0";
    }
    return url;
  }

  static Driver driverFor(String url) throws SQLException {
    if (url == null || url.isBlank()) {
      throw new SQLException("gateway.db.url is not set");
    }
    if (url.startsWith("jdbc:h2:")) {
      return new org.h2.Driver();
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return new org.postgresql.Driver();
    }
    throw new SQLException(
        "gateway.db.url must start with jdbc:h2: or jdbc:postgresql:, the databases the gateway"
            + " ships migrations for");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("Not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
