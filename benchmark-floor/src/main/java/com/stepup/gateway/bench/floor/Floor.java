package com.stepup.gateway.bench.floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;

/**
 * The floor of the benchmark: a JAX-RS GET that does nothing, on the same Payara Micro, HTTP
 * listener and JAX-RS stack as the gateway. What the server costs per request before any work.
 */
@Path("noop")
public class Floor {

  @GET
  @Produces("text/plain")
  public String noop() {
    return "ok";
  }

  /** The floor's JAX-RS application, at the WAR's root. */
  @ApplicationPath("")
  public static class App extends Application {}
}
