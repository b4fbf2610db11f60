package com.stepup.gateway.app;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one datasource every module's persistence unit uses. The URL decides the database, so the
 * same WAR runs on the embedded H2 file (the default) or on PostgreSQL by configuration alone.
 */
@DataSourceDefinition(
    name = GatewayDatabase.JNDI_NAME,
    className = "com.stepup.gateway.app.JdbcUrlDataSource",
    minPoolSize = 2,
    maxPoolSize = 32,
    properties = {
      "fish.payara.is-connection-validation-required=true",
      // a connection is checked at most every 10 s, not at every checkout (on PostgreSQL a check
      // is a round trip); a dead one still fails only the transaction that met it
      "fish.payara.validate-atmost-once-period-in-seconds=10",
      "fish.payara.fail-all-connections=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      // each connection keeps its 64 most used prepared statements: H2 parses a statement when it
      // is prepared, so without this every query and update was parsed again (12 % of the
      // background threads' time); EclipseLink closes its statements after use, and the pool keeps
      // them open. 64 holds every hot path's statements; a parsed H2 statement holds its plan, so
      // the bound keeps a full pool's cache to tens of MiB at most
      "fish.payara.statement-cache-size=64",
      // the type must be given: Payara turns a @DataSourceDefinition's absent type into the text
      // "null", takes it for a class name, fails ("Unable to initalize custom DataStructure for
      // Statement Cache : null", SEVERE, once per connection) and caches nothing. A blank type is
      // its LRU cache (an empty value would be dropped by the annotation's property parsing)
      "fish.payara.statement-cache-type= "
    })
@ApplicationScoped
class GatewayDatabase {
  static final String JNDI_NAME = "java:app/jdbc/gateway";
}
