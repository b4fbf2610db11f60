package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.PaymentRequestState;
import com.stepup.gateway.payments.PaymentStatus;
import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.platform.Amounts;
import com.stepup.gateway.platform.Json;
import com.stepup.gateway.stores.StoreDirectory;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a terminal's display shows now, as JSON the display page asks for every second: {@code
 * idle}; {@code qr} (a pending payment whose QR the shopper has not scanned); {@code waiting}
 * (scanned, or approved and being finalized); {@code result} (the outcome, for {@link #RESULT_FOR}
 * after it), then idle again. It says nothing about the payment beyond its amount.
 */
@RequestScoped
@Path("display/{token}/state")
public class DisplayState {

  static final Duration RESULT_FOR = Duration.ofSeconds(15);

  @Inject StoreDirectory directory;
  @Inject Payments payments;
  @Inject Clock clock;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String state(@PathParam("token") String token) {
    TerminalView terminal = directory.displayTerminal(token);
    return of(payments.latestOnTerminal(terminal.id()), clock, "/display/" + token + "/qr.svg")
        .toString();
  }

  static JsonObject of(Optional<PaymentView> latest, Clock clock, String qrPath) {
    var json = Json.createObjectBuilder();
    if (latest.isEmpty()) {
      return json.add("view", "idle").build();
    }
    PaymentView p = latest.get();
    String ref = Integer.toHexString(p.id().hashCode()); // tells payments apart, names none
    String amount = Amounts.format(p.amount(), p.currency());
    if (p.status() == PaymentStatus.PENDING) {
      PaymentRequestState state = p.klarna().state();
      if ((state == null || state == PaymentRequestState.SUBMITTED)
          && p.klarna().qrTargetUrl() != null) {
        return json.add("view", "qr")
            .add("amount", amount)
            .add("qr_image_url", qrPath + "?p=" + ref)
            .add("key", ref + ":qr")
            .add(
                "expires_at",
                p.klarna().expiresAt() == null ? "" : p.klarna().expiresAt().toString())
            .add("expires_in_seconds", secondsLeft(p.klarna().expiresAt(), clock))
            .build();
      }
      return json.add("view", "waiting").add("amount", amount).add("key", ref + ":wait").build();
    }
    if (p.updatedAt().plus(RESULT_FOR).isAfter(clock.instant())) {
      return json.add("view", "result")
          .add("result", p.status().wire())
          .add("amount", amount)
          .add("key", ref + ":" + p.status().wire())
          .build();
    }
    return json.add("view", "idle").build();
  }

  /**
   * The seconds the shopper has left, by the gateway's clock: the screen counts down from this, not
   * from its own clock or a fixed 3 hours (the journey lasts what the payment asked, 15 minutes to
   * 48 hours). 0 once passed; -1 when Klarna named no expiry.
   */
  static long secondsLeft(Instant expiresAt, Clock clock) {
    if (expiresAt == null) {
      return -1;
    }
    return Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
  }
}
