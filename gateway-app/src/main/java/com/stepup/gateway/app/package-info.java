/**
 * The assembly: wires the modules into one WAR and owns what belongs to no business module: the
 * datasource (H2 or PostgreSQL from {@code gateway.db.*}), the schema migrations of every module
 * (Flyway, run before anything else at start), readiness, the injected clock and the mapping of
 * unexpected errors to problem+json. It may use every module's API package, never their internals.
 */
package com.stepup.gateway.app;
