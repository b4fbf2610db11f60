/**
 * The gateway's client for Klarna's Acquiring Partner APIs: the ports {@code KlarnaPayments},
 * {@code KlarnaStores} and {@code KlarnaNotifications} with their records; the implementations,
 * over MicroProfile Rest Client, are package-private in {@code internal}, so a unit test can put a
 * fake behind a port. It knows only {@code klarna.base-url} (and the client certificate of {@code
 * klarna.tls.*}, presented on every call: ADR 0016): the same code talks to real Klarna and to the
 * sandbox. Its classes are its own; it shares nothing with the sandbox, so a wrong field name on
 * one side cannot hide behind the other.
 */
package com.stepup.gateway.klarna;
