package com.stepup.gateway.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test whose outcome can depend on the database: it stores, queries, locks or
 * signals through it. {@code test.sh} runs these on H2 and again on PostgreSQL (the failsafe {@code
 * groups} of the {@code postgres} profile); the rest (the sandbox alone, HTTP hardening, page
 * layout and accessibility) run on H2 only, since the same WAR runs no database-specific code under
 * them.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(OnEveryDatabase.TAG)
@interface OnEveryDatabase {
  String TAG = "every-database";
}
