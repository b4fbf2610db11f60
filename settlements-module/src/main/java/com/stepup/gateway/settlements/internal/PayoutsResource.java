package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.StreamedJson;
import com.stepup.gateway.settlements.Settlements;
import com.stepup.gateway.stores.PartnerAuthenticated;
import com.stepup.gateway.stores.PartnerCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The partner's payouts: {@code /api/v1/payouts}. Parses, checks, delegates. */
@Path("api/v1/payouts")
@ApplicationScoped
@PartnerAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PayoutsResource {

  @Inject Settlements settlements;
  @Inject PartnerCaller caller;

  /** {@code from}/{@code to}: a date (the whole day, UTC) or an instant; {@code currency}: ISO. */
  @GET
  public StreamedJson list(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("currency") String currency,
      @QueryParam("page") Integer page,
      @QueryParam("size") Integer size) {
    List<FieldError> errors = new ArrayList<>();
    Instant f = time("from", from, false, errors);
    Instant t = time("to", to, true, errors);
    String cur = currency == null || currency.isBlank() ? null : currency.strip();
    if (cur != null && !cur.matches("[A-Z]{3}")) {
      errors.add(new FieldError("currency", "must be an ISO 4217 code in upper case, like EUR"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    int[] p = ListPage.request(page, size);
    return settlements
        .payouts(caller.merchantId(), f, t, cur, p[0], p[1])
        .streamed(SettlementJson::writePayout);
  }

  @GET
  @Path("{id}")
  public String get(@PathParam("id") String id) {
    String merchant = caller.merchantId();
    return SettlementJson.payout(settlements.payout(merchant, id), settlements.lines(merchant, id))
        .toString();
  }

  @GET
  @Path("{id}/lines.csv")
  @Produces("text/csv")
  public Response csv(@PathParam("id") String id) {
    String merchant = caller.merchantId();
    var payout = settlements.payout(merchant, id);
    int digits = fractionDigits(payout.currency());
    return Response.ok(SettlementJson.csv(payout, settlements.lines(merchant, id), digits))
        .type("text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + id + "-lines.csv\"")
        .build();
  }

  static int fractionDigits(String currency) {
    try {
      return Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }

  static Instant time(String field, String text, boolean endOfDay, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.strip();
    try {
      if (s.length() == 10) {
        LocalDate d = LocalDate.parse(s);
        return endOfDay
            ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1)
            : d.atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be a date (2026-12-01) or an ISO-8601 instant"));
      return null;
    }
  }
}
