package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** The audit trail, newest first, for platform admins. */
@Controller
@RequestScoped
@Path("console/audit")
public class AuditController {

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject ConsoleAudit audit;

  @GET
  public String list(@QueryParam("page") Integer page) {
    if (!caller.platformAdmin()) {
      throw new ForbiddenException();
    }
    caller.describe();
    models.put("entries", audit.list(page == null || page < 0 ? 0 : page, 50));
    return "audit.html";
  }
}
