/**
 * The Klarna sandbox: an emulator of Klarna's Acquiring Partner APIs (payment authorize, payment
 * requests, notifications, stores) over real HTTP, with test controls under {@code /sandbox/}. It
 * shares no classes with the gateway's Klarna client, so a wrong field name on one side cannot hide
 * behind the other.
 */
package com.stepup.sandbox;
