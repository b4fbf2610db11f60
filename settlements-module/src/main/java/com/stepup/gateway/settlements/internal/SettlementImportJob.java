package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.BackgroundJobs;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Imports Klarna's payouts every {@code settlements.import.interval-minutes} (daily by default), on
 * a thread of its own; {@code POST /api/v1/admin/settlements/import} runs it at once.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SettlementImportJob {

  @Inject BackgroundJobs jobs;
  @Inject SettlementImport importer;
  @Inject SettlementSettings settings;

  @PostConstruct
  void start() {
    var every = settings.importInterval();
    jobs.every("settlement import", every, every, importer::run);
  }
}
