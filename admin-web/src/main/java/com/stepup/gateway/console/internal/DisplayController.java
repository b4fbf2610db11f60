package com.stepup.gateway.console.internal;

import com.stepup.gateway.stores.StoreDirectory;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * The customer-facing display of a terminal: a full-screen page opened by the terminal's
 * unguessable link (no login), which follows the terminal's newest payment. See {@link
 * DisplayState} for what it shows when.
 */
@Controller
@RequestScoped
@Path("display/{token}")
public class DisplayController {

  @Inject Models models;
  @Inject StoreDirectory directory;

  @GET
  public String display(@PathParam("token") String token) {
    TerminalView terminal = directory.displayTerminal(token);
    models.put("terminal", terminal);
    models.put(
        "storeName",
        directory
            .store(terminal.merchantId(), terminal.storeId())
            .map(s -> s.details().name() != null ? s.details().name() : s.storeReference())
            .orElse(""));
    models.put("stateUrl", "/display/" + token + "/state");
    return "display.html";
  }
}
