/**
 * The Klarna sandbox: an emulator of Klarna's Acquiring Partner APIs (payment authorize, payment
 * requests, notifications, stores) over real HTTP, with test controls under {@code /sandbox/}. It
 * shares no classes with the gateway's Klarna client, so a wrong field name on one side cannot hide
 * behind the other.
 *
 * <p>Resources parse, check the key and delegate; Klarna's side (payment requests, transactions,
 * disputes, settlements, webhooks) is plain Java. {@code SandboxTicker} alone knows every part and
 * applies the clock to them; no two classes need each other ({@code SandboxArchitectureTest}).
 */
package com.stepup.sandbox;
