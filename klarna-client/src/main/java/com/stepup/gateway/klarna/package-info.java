/**
 * The gateway's client for Klarna's Acquiring Partner APIs (payments, payment requests, stores,
 * notifications), over MicroProfile Rest Client. It knows only {@code klarna.base-url}: the same
 * code talks to real Klarna and to the sandbox. Its classes are its own; it shares nothing with the
 * sandbox, so a wrong field name on one side cannot hide behind the other.
 */
package com.stepup.gateway.klarna;
