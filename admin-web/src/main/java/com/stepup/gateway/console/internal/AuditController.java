package com.stepup.gateway.console.internal;

import com.stepup.gateway.stores.Merchants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The audit trail, newest first, for platform admins. */
@Controller
@RequestScoped
@Path("console/audit")
public class AuditController {

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject ConsoleAudit audit;

  @Inject Merchants merchants;

  /** The trail, filtered by user, action (or its start: "payment.") and merchant. */
  @GET
  public String list(
      @QueryParam("page") Integer page,
      @QueryParam("user") String user,
      @QueryParam("action") String action,
      @QueryParam("merchant") String merchant) {
    if (!caller.platformAdmin()) {
      throw new ForbiddenException();
    }
    caller.describe();
    String u = Forms.blankToNull(user == null ? null : user.strip());
    String a = Forms.blankToNull(action == null ? null : action.strip());
    String m = Forms.blankToNull(merchant == null ? null : merchant.strip());
    models.put("entries", audit.list(u, a, m, page == null || page < 0 ? 0 : page, 50));
    var all = merchants.list(null, 0, 1000).items();
    var names = new HashMap<String, String>();
    all.forEach(x -> names.put(x.id(), x.name()));
    models.put("merchantOptions", all);
    models.put("merchantNames", names);
    models.put(
        "auditForm",
        Map.of(
            "user",
            u == null ? "" : u,
            "action",
            a == null ? "" : a,
            "merchant",
            m == null ? "" : m));
    models.put("actionOptions", ACTIONS);
    return "audit.html";
  }

  /** The action groups offered in the filter (any code can still be typed in the query). */
  static final List<String> ACTIONS =
      List.of(
          "payment.",
          "api-key.",
          "token.",
          "user.",
          "merchant.",
          "store.",
          "terminal.",
          "dispute.",
          "notification.",
          "reconciliation.",
          "support-note.",
          "webhook-secret.",
          "admin-api.",
          "login.",
          "two-factor.");
}
