package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.platform.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code Klarna-Integration-Metadata} on every call: one line of JSON naming the integrator, the
 * module and its version (KLARNA-API.md §1.2, "tagging"), so Klarna can tell the gateway's calls
 * apart when it helps with one. Made once; {@link KlarnaConnections} sets it on every call.
 */
class KlarnaIntegrationMetadata {

  static final String INTEGRATOR = "stepup-gateway";
  static final String MODULE = "klarna-client";

  private final String value;

  KlarnaIntegrationMetadata(String version) {
    this.value = header(version);
  }

  /** With the version Maven wrote into {@code integration.properties}. */
  KlarnaIntegrationMetadata() {
    this(builtVersion());
  }

  /** The header's value: a JSON object on one line. */
  static String header(String version) {
    return Json.createObjectBuilder()
        .add(
            "integrator",
            Json.createObjectBuilder()
                .add("name", INTEGRATOR)
                .add("module_name", MODULE)
                .add("module_version", version == null || version.isBlank() ? "unknown" : version))
        .build()
        .toString();
  }

  static String builtVersion() {
    try (InputStream in =
        KlarnaIntegrationMetadata.class.getResourceAsStream("integration.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  String value() {
    return value;
  }
}
