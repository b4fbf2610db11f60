package com.stepup.gateway.app;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings the schema up to date before anything else runs at start. Each module ships its own
 * scripts under {@code db/migration/<module>/}; versions are dates, so one history orders them all.
 * Start-up work that needs the schema declares {@code @DependsOn(SchemaMigrations.NAME)}.
 */
@Singleton(name = SchemaMigrations.NAME)
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrations {

  public static final String NAME = "SchemaMigrations";

  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

  @Resource(lookup = GatewayDatabase.JNDI_NAME)
  DataSource dataSource;

  @PostConstruct
  void migrate() {
    var flyway = configure(dataSource).load();
    var result = flyway.migrate();
    LOG.info(
        () ->
            "Schema migrations: "
                + result.migrationsExecuted
                + " applied, schema at version "
                + flyway.info().current().getVersion());
  }

  /** The one Flyway configuration, shared with the migration tests. */
  static FluentConfiguration configure(DataSource ds) {
    return Flyway.configure(SchemaMigrations.class.getClassLoader())
        .dataSource(ds)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true);
  }
}
