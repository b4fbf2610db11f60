package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.payments.Payments;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.Stores;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is on each till now, store by store: the terminal's newest payment (followed live), whether
 * its customer-facing display is paired and when it last asked what to show.
 */
@Controller
@RequestScoped
@Path("console/terminals")
public class TerminalsController {

  static final int MAX_TERMINALS = 500;

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject Stores stores;
  @Inject Payments payments;
  @Inject Clock clock;

  /** A store and its terminals with what each shows now (null: nothing yet). */
  public record StoreTerminals(StoreView store, List<Till> terminals) {}

  public record Till(TerminalView terminal, PaymentView current) {}

  @GET
  public String terminals(@QueryParam("store") String storeId) {
    caller.describe();
    String scope = caller.storesMerchant();
    Map<String, StoreView> byId = new HashMap<>();
    stores.list(scope, null, 0, 200).items().stream()
        .filter(s -> caller.seesStore(s.id()))
        .forEach(s -> byId.put(s.id(), s));
    Map<String, StoreTerminals> grouped = new LinkedHashMap<>();
    for (TerminalView t : stores.allTerminals(scope, MAX_TERMINALS)) {
      StoreView store = byId.get(t.storeId());
      if (store == null || (storeId != null && !storeId.isBlank() && !store.id().equals(storeId))) {
        continue;
      }
      grouped
          .computeIfAbsent(store.id(), k -> new StoreTerminals(store, new ArrayList<>()))
          .terminals()
          .add(new Till(t, payments.latestOnTerminal(t.id()).orElse(null)));
    }
    models.put("groups", List.copyOf(grouped.values()));
    models.put(
        "stores",
        byId.values().stream().filter(s -> s.type().name().equals("PHYSICAL_STORE")).toList());
    models.put("storeId", storeId == null ? "" : storeId);
    models.put("now", clock.instant());
    return "terminals.html";
  }
}
