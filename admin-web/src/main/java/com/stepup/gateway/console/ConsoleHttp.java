package com.stepup.gateway.console;

import com.stepup.gateway.console.internal.AdminApiAudit;
import com.stepup.gateway.console.internal.AdminTokensResource;
import com.stepup.gateway.console.internal.AdminTwoFactorResource;
import com.stepup.gateway.console.internal.AdminUsersResource;
import com.stepup.gateway.console.internal.AuditController;
import com.stepup.gateway.console.internal.ConsoleDisputesData;
import com.stepup.gateway.console.internal.ConsoleMoneyLinesData;
import com.stepup.gateway.console.internal.ConsolePaymentsData;
import com.stepup.gateway.console.internal.ConsoleTerminalDayData;
import com.stepup.gateway.console.internal.DashboardController;
import com.stepup.gateway.console.internal.DeliveriesController;
import com.stepup.gateway.console.internal.DisplayController;
import com.stepup.gateway.console.internal.DisplayQr;
import com.stepup.gateway.console.internal.DisplayState;
import com.stepup.gateway.console.internal.DisputesController;
import com.stepup.gateway.console.internal.KrazoCsrfWiring;
import com.stepup.gateway.console.internal.LoginController;
import com.stepup.gateway.console.internal.MerchantsController;
import com.stepup.gateway.console.internal.PaymentsController;
import com.stepup.gateway.console.internal.PreferencesController;
import com.stepup.gateway.console.internal.SettlementsController;
import com.stepup.gateway.console.internal.StoresController;
import com.stepup.gateway.console.internal.TerminalDayController;
import com.stepup.gateway.console.internal.TerminalsController;
import com.stepup.gateway.console.internal.TwoFactorController;
import com.stepup.gateway.console.internal.UsersController;
import java.util.Set;
import org.eclipse.krazo.bootstrap.CoreFeature;

/**
 * The console module's JAX-RS classes, by the application that serves them. Jakarta MVC (Krazo's
 * {@link CoreFeature}, its CSRF check and request lifecycle) is the console's alone: the API's
 * application does not register it, so a partner call or a Klarna webhook never runs it.
 */
public final class ConsoleHttp {

  /** The admin API ({@code /api/v1/admin/…}) and its audit. */
  public static final Set<Class<?>> API =
      Set.of(
          AdminUsersResource.class,
          AdminTokensResource.class,
          AdminTwoFactorResource.class,
          AdminApiAudit.class);

  /** The pages: Krazo, the controllers, their downloads and the till's display. */
  public static final Set<Class<?>> CONSOLE =
      Set.of(
          CoreFeature.class,
          KrazoCsrfWiring.MatchedResource.class,
          AuditController.class,
          DashboardController.class,
          DeliveriesController.class,
          DisputesController.class,
          LoginController.class,
          MerchantsController.class,
          PaymentsController.class,
          PreferencesController.class,
          SettlementsController.class,
          StoresController.class,
          TerminalDayController.class,
          TerminalsController.class,
          TwoFactorController.class,
          UsersController.class,
          ConsoleDisputesData.class,
          ConsoleMoneyLinesData.class,
          ConsolePaymentsData.class,
          ConsoleTerminalDayData.class,
          DisplayController.class,
          DisplayQr.class,
          DisplayState.class);

  private ConsoleHttp() {}
}
