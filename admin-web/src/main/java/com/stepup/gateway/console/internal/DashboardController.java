package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The console's landing page. */
@Controller
@RequestScoped
@Path("console")
public class DashboardController {

  @Inject Models models;

  @Inject ConsoleCaller caller;

  @GET
  public String dashboard() {
    caller.describe();
    return "dashboard.html";
  }
}
