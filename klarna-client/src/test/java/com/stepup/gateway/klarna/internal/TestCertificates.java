package com.stepup.gateway.klarna.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test-only key material, made with the JDK's {@code keytool} at test time (once per test JVM,
 * under {@code target/}): a CA, a server certificate it signed for 127.0.0.1, a client certificate
 * it signed (valid for a year), a self-signed client certificate, and a trust store with the CA
 * (also a store holding a certificate but no private key). Every store's password is {@link
 * #PASSWORD}. Expiry is tested by moving the clock, not with short-lived certificates.
 */
final class TestCertificates {

  static final String PASSWORD = "test-only-password";

  private static TestCertificates made;

  final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  static synchronized TestCertificates get() {
    if (made == null) {
      try {
        // under target/ (the module's directory is the tests' working directory), fresh each run
        Path dir = Path.of("target", "test-tls").toAbsolutePath();
        if (Files.exists(dir)) {
          try (var old = Files.list(dir)) {
            for (Path f : old.toList()) {
              Files.delete(f);
            }
          }
        }
        Files.createDirectories(dir);
        made = new TestCertificates(dir);
        made.make();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return made;
  }

  Path ca() {
    return dir.resolve("ca.p12");
  }

  /** The CA's certificate alone: a trust store. */
  Path trustStore() {
    return dir.resolve("trust.p12");
  }

  Path server() {
    return dir.resolve("server.p12");
  }

  /** A client certificate valid for a year. */
  Path client() {
    return dir.resolve("client.p12");
  }

  /** A self-signed client certificate, which a server trusting the test CA refuses. */
  Path clientSelfSigned() {
    return dir.resolve("client-self-signed.p12");
  }

  /** Settings presenting {@code keyStore} and trusting the test CA. */
  static KlarnaTls.Settings presenting(Path keyStore) {
    return new KlarnaTls.Settings(
        Optional.of(keyStore.toString()),
        Optional.of(PASSWORD),
        Optional.of(get().trustStore().toString()),
        Optional.of(PASSWORD));
  }

  /** Settings trusting the test CA and presenting no certificate. */
  static KlarnaTls.Settings trustingOnly() {
    return new KlarnaTls.Settings(
        Optional.empty(),
        Optional.empty(),
        Optional.of(get().trustStore().toString()),
        Optional.of(PASSWORD));
  }

  private void make() {
    keytool(
        "-genkeypair",
        "-keystore",
        "ca.p12",
        "-alias",
        "ca",
        "-dname",
        "CN=Test-only CA",
        "-ext",
        "bc:c",
        "-validity",
        "3650",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1");
    keytool("-exportcert", "-keystore", "ca.p12", "-alias", "ca", "-rfc", "-file", "ca.pem");
    keytool("-importcert", "-keystore", "trust.p12", "-alias", "ca", "-file", "ca.pem");
    signed("server", "CN=127.0.0.1", "-validity", "365", "-ext", "san=ip:127.0.0.1,dns:localhost");
    signed("client", "CN=Test-only acquirer", "-validity", "365");
    keytool(
        "-genkeypair",
        "-keystore",
        "client-self-signed.p12",
        "-alias",
        "self",
        "-dname",
        "CN=Test-only stranger",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1");
  }

  /** A key pair in {@code name}.p12 with a certificate the CA signed (and the CA's beside it). */
  private void signed(String name, String dname, String... gencertOptions) {
    String store = name + ".p12";
    keytool(
        "-genkeypair",
        "-keystore",
        store,
        "-alias",
        name,
        "-dname",
        dname,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1");
    keytool("-certreq", "-keystore", store, "-alias", name, "-file", name + ".csr");
    List<String> gencert =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-keystore",
                "ca.p12",
                "-alias",
                "ca",
                "-infile",
                name + ".csr",
                "-outfile",
                name + ".pem",
                "-rfc"));
    gencert.addAll(List.of(gencertOptions));
    keytool(gencert.toArray(String[]::new));
    keytool("-importcert", "-keystore", store, "-alias", "ca", "-file", "ca.pem");
    keytool("-importcert", "-keystore", store, "-alias", name, "-file", name + ".pem");
  }

  private void keytool(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    // a short-lived JVM each: start it fast
    cmd.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + cmd + "\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
