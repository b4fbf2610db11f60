package com.stepup.gateway.disputes;

import java.time.Instant;

/**
 * One step of a dispute's timeline, as the console shows it.
 *
 * @param kind what happened: {@code opened}, {@code updated}, {@code won}, {@code lost} (learned
 *     from Klarna), {@code evidence_due_soon}, {@code evidence_sent}, {@code appeal_sent}, {@code
 *     loss_accepted}
 * @param state the dispute's state after it
 * @param outcome {@code WON} or {@code LOST} once closed
 * @param by who or what told or did it: Klarna's webhook, the deadline check, the daily pass, the
 *     partner, or a console user
 */
public record DisputeEventView(
    Instant at, String kind, DisputeState state, String outcome, String by) {}
