package com.stepup.gateway.settlements;

import com.stepup.gateway.settlements.internal.AdminFeePlanResource;
import com.stepup.gateway.settlements.internal.AdminSettlementsResource;
import com.stepup.gateway.settlements.internal.PayoutsResource;
import com.stepup.gateway.settlements.internal.ReconciliationResolveResource;
import com.stepup.gateway.settlements.internal.ReconciliationResource;
import com.stepup.gateway.settlements.internal.TerminalDayResource;
import java.util.Set;

/** The settlements module's JAX-RS classes: all of them are the API's (partner and admin). */
public final class SettlementsHttp {

  /** Payouts, reconciliation, the terminal day report and the admin's imports and fee plans. */
  public static final Set<Class<?>> API =
      Set.of(
          PayoutsResource.class,
          ReconciliationResource.class,
          ReconciliationResolveResource.class,
          TerminalDayResource.class,
          AdminSettlementsResource.class,
          AdminFeePlanResource.class);

  private SettlementsHttp() {}
}
