package com.stepup.gateway.console.internal;

import com.stepup.gateway.disputes.Answer;
import com.stepup.gateway.disputes.DisputeFilter;
import com.stepup.gateway.disputes.DisputeState;
import com.stepup.gateway.disputes.DisputeView;
import com.stepup.gateway.disputes.Disputes;
import com.stepup.gateway.platform.ApiProblem;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.errors.DomainError;
import com.stepup.gateway.platform.errors.NotFound;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Disputes in the console: the list (open first, by deadline, with the time left), a dispute with
 * Klarna's request, what was sent and the outcome, and the actions (answer with the evidence pack,
 * upload a file, appeal, accept the loss), each behind a confirmation that says what it does.
 * Merchant and platform admins act; support reads.
 */
@Controller
@RequestScoped
@Path("console/disputes")
public class DisputesController {

  static final Set<String> ACTIONS = Set.of("answer", "appeal", "accept");

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject Disputes disputes;
  @Inject ConsoleAudit audit;
  @Inject Clock clock;

  @GET
  public String list(@QueryParam("page") Integer page, @QueryParam("state") String state) {
    caller.describe();
    String merchant = caller.merchantScope();
    int[] p = ListPage.request(page, 50);
    DisputeState wanted = null;
    if (state != null && !state.isBlank()) {
      try {
        wanted = DisputeState.fromWire(state.strip());
      } catch (IllegalArgumentException e) {
        wanted = null;
      }
    }
    ListPage<DisputeView> list =
        disputes.list(merchant, new DisputeFilter(wanted, null, null, null, true), p[0], p[1]);
    models.put("disputes", list);
    models.put("state", wanted == null ? "" : wanted.name());
    models.put("timeLeft", timeLeft(list.items()));
    models.put("disputeZones", zones(list.items()));
    models.put("summary", disputes.summary(merchant));
    return "disputes.html";
  }

  @GET
  @Path("{id}")
  public String dispute(@PathParam("id") String id, @QueryParam("done") String done) {
    caller.describe();
    show(id);
    if (done != null && Set.of("answer", "appeal", "accept", "upload").contains(done)) {
      models.put("done", done);
    }
    return "dispute.html";
  }

  /** The confirmation step before an action: it states what the action does. */
  @GET
  @Path("{id}/{action: answer|appeal|accept}")
  public String confirm(@PathParam("id") String id, @PathParam("action") String action) {
    caller.requireOperator();
    caller.describe();
    show(id);
    models.put("confirm", action);
    return "dispute.html";
  }

  @POST
  @Path("{id}/answer")
  public Response answer(
      @PathParam("id") String id, @FormParam("additional_information") String info) {
    return operate(
        id,
        "answer",
        () ->
            disputes.answerWithEvidencePack(
                caller.merchantScope(),
                id,
                new Answer(attachmentsNotSent(id), blank(info), null),
                caller.username()));
  }

  @POST
  @Path("{id}/appeal")
  public Response appeal(
      @PathParam("id") String id, @FormParam("additional_information") String info) {
    return operate(
        id,
        "appeal",
        () ->
            disputes.appeal(
                caller.merchantScope(),
                id,
                new Answer(attachmentsNotSent(id), info, null),
                caller.username()));
  }

  @POST
  @Path("{id}/accept")
  public Response accept(@PathParam("id") String id) {
    return operate(
        id, "accept", () -> disputes.accept(caller.merchantScope(), id, caller.username()));
  }

  private List<String> attachmentsNotSent(String id) {
    return disputes.attachments(caller.merchantScope(), id).stream()
        .filter(a -> a.usedIn() == null)
        .map(a -> a.id())
        .toList();
  }

  private Response operate(String id, String action, Runnable act) {
    caller.requireOperator();
    try {
      act.run();
      audit.record("dispute." + action, id, null);
    } catch (DomainError refused) {
      return again(id, refused);
    }
    return Response.seeOther(URI.create("console/disputes/" + id + "?done=" + action)).build();
  }

  private Response again(String id, DomainError refused) {
    if (refused instanceof NotFound) {
      throw refused;
    }
    caller.describe();
    show(id);
    models.put("problem", refused.getMessage());
    return Response.status(ApiProblem.from(refused).status()).entity("dispute.html").build();
  }

  private DisputeView show(String id) {
    DisputeView d = disputes.get(caller.merchantScope(), id);
    models.put("dispute", d);
    models.put("attachments", disputes.attachments(caller.merchantScope(), id));
    models.put("timeline", disputes.timeline(caller.merchantScope(), id));
    models.put("canOperate", caller.role() != ConsoleRole.SUPPORT);
    models.put("disputeZone", caller.zone(d.merchantId()));
    models.put("timeLeft", timeLeft(List.of(d)));
    models.put("maxBytes", 7 * 1024 * 1024);
    return d;
  }

  /** Each listed dispute's merchant's zone: a deadline is the merchant's, whoever looks. */
  private Map<String, java.time.ZoneId> zones(List<DisputeView> items) {
    Map<String, java.time.ZoneId> zones = new HashMap<>();
    for (DisputeView d : items) {
      zones.computeIfAbsent(d.merchantId(), caller::zone);
    }
    return zones;
  }

  /** Each open dispute's time left to its deadline, in days and hours ({@code null}: none). */
  private Map<String, long[]> timeLeft(List<DisputeView> items) {
    Instant now = clock.instant();
    Map<String, long[]> left = new HashMap<>();
    for (DisputeView d : items) {
      if (d.dueAt() != null) {
        Duration until = Duration.between(now, d.dueAt());
        left.put(
            d.id(),
            until.isNegative()
                ? new long[] {-1, 0}
                : new long[] {until.toDays(), until.toHoursPart()});
      }
    }
    return left;
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
