package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.settlements.Settlements;
import com.stepup.gateway.settlements.TerminalDayReport;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.Stores;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A till's end-of-day report under Terminals (issue 27): the day's sales at one terminal, the money
 * they moved, what is left open and what Klarna has settled of them, in the merchant's time zone;
 * the same as a PDF. Scoped like every console page (platform staff read any merchant's).
 */
@Controller
@RequestScoped
@Path("console/terminals/day")
public class TerminalDayController {

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject Stores stores;
  @Inject Settlements settlements;
  @Inject Clock clock;

  @GET
  public String day(
      @QueryParam("store") String storeId,
      @QueryParam("terminal") String terminal,
      @QueryParam("date") String date) {
    caller.describe();
    TerminalDayReport report = report(caller, stores, settlements, clock, storeId, terminal, date);
    models.put("report", report);
    models.put("storeId", storeId);
    models.put("previous", report.date().minusDays(1).toString());
    models.put("next", report.date().plusDays(1).toString());
    return "terminal-day.html";
  }

  /** The report the query names; today in the merchant's zone when it names no day. */
  static TerminalDayReport report(
      ConsoleCaller caller,
      Stores stores,
      Settlements settlements,
      Clock clock,
      String storeId,
      String terminal,
      String date) {
    if (storeId != null && !caller.seesStore(storeId)) {
      throw ApiProblem.notFound("Store " + storeId);
    }
    StoreView store = stores.get(caller.storesMerchant(), storeId == null ? "" : storeId);
    String merchantId = store.merchantId();
    LocalDate day = LocalDate.now(clock.withZone(caller.zone(merchantId)));
    if (date != null && !date.isBlank()) {
      try {
        day = LocalDate.parse(date.strip());
      } catch (DateTimeParseException e) {
        // a date that is not one: today, as the form shows
      }
    }
    return settlements.terminalDay(
        merchantId, store.storeReference(), terminal == null ? "" : terminal, day);
  }
}
