package com.stepup.gateway.payments.internal;

import com.stepup.gateway.klarna.KlarnaPayments;
import com.stepup.gateway.stores.StoreDirectory;
import java.time.Clock;

/**
 * The payments use cases wired by hand as CDI wires them (constructor injection), over the storage,
 * Klarna and clock a test gives: a test builds the module in one line.
 */
final class PaymentsWiring {

  final PaymentRepository repository;
  final PaymentQueries queries;
  final PaymentSettings settings;
  final Clock clock;
  final FinalAuthorization finalization;
  final KlarnaSignalHandling signals;
  final Cancelling cancelling;
  final TakingPayments taking;
  final JanitorCheck check;
  final AfterAuthorization after;

  PaymentsWiring(
      PaymentRepository repository,
      PaymentQueries queries,
      StoreDirectory directory,
      KlarnaPayments klarna,
      PaymentSettings settings,
      Clock clock) {
    this.repository = repository;
    this.queries = queries;
    this.settings = settings;
    this.clock = clock;
    finalization =
        new FinalAuthorization(repository, klarna, settings, clock, new PaymentMetrics());
    signals = new KlarnaSignalHandling(repository, queries, klarna, finalization, settings, clock);
    cancelling = new Cancelling(repository, klarna, signals, settings, clock);
    taking =
        new TakingPayments(repository, queries, directory, klarna, settings, cancelling, clock);
    check =
        new JanitorCheck(repository, taking, finalization, cancelling, signals, settings, clock);
    after = new AfterAuthorization(repository, klarna, settings, clock);
  }

  /** The janitor over the same use cases (an EJB singleton: its fields are injected). */
  PaymentJanitor janitor() {
    PaymentJanitor janitor = new PaymentJanitor();
    janitor.queries = queries;
    janitor.check = check;
    janitor.finalization = finalization;
    janitor.after = after;
    janitor.repository = repository;
    janitor.clock = clock;
    janitor.metrics = new PaymentMetrics();
    janitor.settings = settings;
    return janitor;
  }

  /** The settings the tests run with: Klarna retried every 30 s, read every 1 to 10 min. */
  static PaymentSettings settings() {
    PaymentSettings settings = new PaymentSettings();
    settings.publicBaseUrl = "https://gateway.example";
    settings.readAfterSeconds = 60;
    settings.readMaxSeconds = 600;
    settings.authorizeRetrySeconds = 30;
    settings.claimTimeoutSeconds = 60;
    settings.authorizeGiveUpHours = 24;
    settings.returnWaitMs = 0;
    return settings;
  }
}
