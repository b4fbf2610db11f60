/**
 * Webhooks in both directions: Klarna's signed payment request events in (verified, stored in an
 * inbox, handed to the payments module's API; dispute events to the disputes module's, settlement
 * reports to the settlements module's) and signed notifications out to partners (an outbox with
 * retries). This package is the module's API; {@code internal} holds the rest.
 */
package com.stepup.gateway.webhooks;
