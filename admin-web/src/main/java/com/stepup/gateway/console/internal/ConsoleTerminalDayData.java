package com.stepup.gateway.console.internal;

import com.stepup.gateway.settlements.Settlements;
import com.stepup.gateway.settlements.TerminalDayReport;
import com.stepup.gateway.stores.Stores;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * A till's end-of-day report as a PDF to download: console data, not a page, behind the console's
 * login and scoped like the report's page.
 */
@RequestScoped
@Path("console/terminals/day/pdf")
public class ConsoleTerminalDayData {

  @Inject ConsoleCaller caller;
  @Inject Stores stores;
  @Inject Settlements settlements;
  @Inject Clock clock;

  @GET
  public Response pdf(
      @QueryParam("store") String storeId,
      @QueryParam("terminal") String terminal,
      @QueryParam("date") String date) {
    TerminalDayReport report =
        TerminalDayController.report(caller, stores, settlements, clock, storeId, terminal, date);
    return Response.ok(settlements.terminalDayPdf(report), "application/pdf")
        .header(
            "Content-Disposition",
            "attachment; filename=\"terminal-day-"
                + report.terminalReference().replaceAll("[^A-Za-z0-9._-]", "_")
                + "-"
                + report.date()
                + ".pdf\"")
        .build();
  }
}
