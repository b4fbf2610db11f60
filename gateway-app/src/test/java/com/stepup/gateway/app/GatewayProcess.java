package com.stepup.gateway.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A second gateway in its own Payara Micro process, on its own database, talking to the Klarna
 * sandbox of the Arquillian server over HTTP: a process the test can kill -9 and start again on the
 * same database, as an operator's crash and restart would.
 */
final class GatewayProcess implements AutoCloseable {

  /** The same as the Arquillian server's (arquillian.xml). */
  static final String SECRETS_KEY = "aXQtc2VjcmV0cy1rZXktb2YtMzItYnl0ZXMtbG9uZyE=";

  private final int port = freePort();
  private final URL sandboxBase;
  private final String dbUrl;
  private final String dbUser;
  private final List<String> settings;
  private Process process;
  private int starts;

  /**
   * @param sandboxBase the server whose {@code /klarna-sandbox} this gateway uses
   * @param settings extra {@code -D} settings, e.g. short janitor intervals
   */
  GatewayProcess(URL sandboxBase, String name, List<String> settings) {
    this(sandboxBase, name, settings, false);
  }

  /**
   * @param shared whether a {@link #sibling} will run on the same database (an H2 file is then
   *     opened with {@code AUTO_SERVER}, so that two processes can share it)
   */
  GatewayProcess(URL sandboxBase, String name, List<String> settings, boolean shared) {
    this.sandboxBase = sandboxBase;
    this.settings = settings;
    String itUrl = System.getProperty("it.db.url", "");
    if (itUrl.startsWith("jdbc:postgresql:")) {
      // the PostgreSQL pass: a database of its own beside the Arquillian server's
      String server = itUrl.substring(0, itUrl.lastIndexOf('/') + 1);
      this.dbUser = System.getProperty("it.db.user", "postgres");
      String database = name.replace('-', '_');
      recreatePostgres(server + "postgres", database);
      this.dbUrl = server + database;
    } else {
      Path dir = Path.of("target", name).toAbsolutePath();
      deleteRecursively(dir);
      this.dbUrl =
          "jdbc:h2:file:"
              + dir.resolve("gateway")
              + (shared ? ";AUTO_SERVER=TRUE" : ";DB_CLOSE_ON_EXIT=FALSE");
      this.dbUser = "sa";
    }
  }

  private GatewayProcess(GatewayProcess first, List<String> settings) {
    this.sandboxBase = first.sandboxBase;
    this.settings = settings;
    this.dbUrl = first.dbUrl;
    this.dbUser = first.dbUser;
  }

  /** Another gateway instance on this one's database, as behind a load balancer. */
  GatewayProcess sibling(List<String> settings) {
    return new GatewayProcess(this, settings);
  }

  URL base() {
    try {
      return URI.create("http://127.0.0.1:" + port + "/").toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts the process and waits until the gateway (with its database) reports ready. */
  GatewayProcess start() throws IOException, InterruptedException {
    return start(() -> {});
  }

  /**
   * The same, running {@code probe} (a partner's call, say) every half second while it waits: what
   * callers meet while the gateway starts.
   */
  GatewayProcess start(Runnable probe) throws IOException, InterruptedException {
    starts++;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path tmp = Files.createDirectories(Path.of("target", "restart-tmp-" + port + "-" + starts));
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx384m",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
            "-Dgateway.db.url=" + dbUrl,
            "-Dgateway.db.user=" + dbUser,
            "-Dgateway.db.password=" + dbPassword(),
            "-Dgateway.admin.username=" + GatewayDeployment.ADMIN_USER,
            "-Dgateway.admin.password=" + GatewayDeployment.ADMIN_PASSWORD,
            "-Dklarna.base-url=" + sandboxBase.toString().replaceAll("/$", "") + "/klarna-sandbox",
            "-Dklarna.api-key=it-sandbox-key",
            "-Dgateway.public-base-url=http://127.0.0.1:" + port,
            "-Dwebhooks.delivery.allow-private-targets=true",
            "-Dgateway.secrets.key=" + SECRETS_KEY,
            // as arquillian.xml: the ITs' platform admin logs in with the password alone
            "-Dgateway.two-factor.platform-admins=optional"));
    command.addAll(settings);
    command.addAll(
        List.of(
            "-jar",
            "target/payara-micro.jar",
            "--nohazelcast", // alone: with --nocluster, Payara starts its data grid on 6900
            "--port",
            String.valueOf(port),
            "--rootdir",
            tmp.resolve("root").toAbsolutePath().toString(),
            "--deploy",
            "target/gateway.war:/",
            // no Server header, a 10 s read time-out, and the HTTP listener opened only once the
            // WAR
            // is deployed: no 404 before (issue 33)
            "--prebootcommandfile",
            "../config/payara/preboot.asadmin",
            "--postdeploycommandfile",
            "../config/payara/postdeploy.asadmin"));
    File log = new File("target", "restart-gateway-" + port + "-" + starts + ".log");
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log))
            .start();
    JsonHttp http = new JsonHttp(base(), null);
    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    long serverReadyAt = 0;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the second gateway stopped during start; see " + log);
      }
      if (serverReadyAt == 0
          && Files.readString(log.toPath()).contains("Payara Micro")
          && Files.readString(log.toPath()).contains(" ready in ")) {
        serverReadyAt = System.nanoTime();
      }
      if (serverReadyAt != 0 && System.nanoTime() - serverReadyAt > 20_000_000_000L) {
        // the server is up but the WAR is not: its deployment failed
        throw new AssertionError(
            "the gateway WAR did not deploy: "
                + Files.readAllLines(log.toPath()).stream()
                    .filter(l -> l.contains("Exception") || l.contains("Cause:"))
                    .findFirst()
                    .orElse("")
                + "; see "
                + log);
      }
      probe.run();
      try {
        if (http.get("/health/ready").body().contains("\"database\"")) {
          return this;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the second gateway was not ready in 240 s; see " + log);
  }

  /** Its database, for a test to look at what it stored (on H2, only once it is stopped). */
  Connection database() throws SQLException {
    return DriverManager.getConnection(dbUrl, dbUser, dbPassword());
  }

  /** An empty setting counts as unset, so the WAR's default ("gateway") would apply: say it. */
  private static String dbPassword() {
    String password = System.getProperty("it.db.password", "");
    return password.isBlank() ? "gateway" : password;
  }

  /** kill -9: no shutdown hook, no finished request, no flushed anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private void recreatePostgres(String adminUrl, String name) {
    try (var c = DriverManager.getConnection(adminUrl, dbUser, "");
        var s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make the database " + name, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
