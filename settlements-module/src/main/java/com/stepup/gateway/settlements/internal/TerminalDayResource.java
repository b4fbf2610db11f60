package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.settlements.Settlements;
import com.stepup.gateway.settlements.TerminalDayReport;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/reports/terminal-day?store_reference=&terminal_reference=&date=YYYY-MM-DD}: a
 * till's end-of-day report, JSON, or a PDF with {@code Accept: application/pdf}.
 */
@Path("api/v1/reports/terminal-day")
@ApplicationScoped
@PartnerAuthenticated
@Consumes(MediaType.WILDCARD)
public class TerminalDayResource {

  static final String PDF = "application/pdf";

  @Inject Settlements settlements;
  @Inject PartnerCaller caller;

  @GET
  @Produces({MediaType.APPLICATION_JSON, PDF})
  public Response report(
      @QueryParam("store_reference") String storeReference,
      @QueryParam("terminal_reference") String terminalReference,
      @QueryParam("date") String date,
      @Context HttpHeaders headers) {
    List<FieldError> errors = new ArrayList<>();
    String store = required("store_reference", storeReference, errors);
    String terminal = required("terminal_reference", terminalReference, errors);
    LocalDate day = null;
    if (date == null || date.isBlank()) {
      errors.add(new FieldError("date", "is required (YYYY-MM-DD, in the merchant's time zone)"));
    } else {
      try {
        day = LocalDate.parse(date.strip());
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("date", "must be a date, YYYY-MM-DD"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    TerminalDayReport report = settlements.terminalDay(caller.merchantId(), store, terminal, day);
    if (wantsPdf(headers)) {
      return Response.ok(settlements.terminalDayPdf(report), PDF)
          .header("Content-Disposition", "attachment; filename=\"terminal-day-" + day + ".pdf\"")
          .build();
    }
    return Response.ok(SettlementJson.terminalDay(report).toString(), MediaType.APPLICATION_JSON)
        .build();
  }

  /** PDF only when asked for before JSON: no Accept, or {@code *}{@code /*}, is JSON. */
  static boolean wantsPdf(HttpHeaders headers) {
    if (headers == null) {
      return false;
    }
    for (MediaType t : headers.getAcceptableMediaTypes()) {
      if (t.isWildcardType()) {
        return false;
      }
      if ("application".equals(t.getType()) && "pdf".equals(t.getSubtype())) {
        return true;
      }
      if (t.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
    }
    return false;
  }

  private static String required(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    if (value.length() > 200) {
      errors.add(new FieldError(field, "must be at most 200 characters"));
      return null;
    }
    return value.strip();
  }
}
