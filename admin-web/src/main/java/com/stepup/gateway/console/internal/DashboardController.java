package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Arrays;

/** The console's landing page. */
@Controller
@RequestScoped
@Path("console")
public class DashboardController {

  @Inject Models models;

  @Inject SecurityContext securityContext;

  @GET
  public String dashboard() {
    models.put("user", securityContext.getCallerPrincipal().getName());
    models.put(
        "role",
        Arrays.stream(ConsoleRole.values())
            .filter(r -> securityContext.isCallerInRole(r.name()))
            .findFirst()
            .map(Enum::name)
            .orElse(""));
    return "dashboard.html";
  }
}
