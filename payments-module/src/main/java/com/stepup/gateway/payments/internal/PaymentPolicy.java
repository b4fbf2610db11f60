package com.stepup.gateway.payments.internal;

import java.time.Duration;

/**
 * The timings a {@link Payment} decides by, as plain values (from {@link PaymentSettings} in the
 * server, written out in unit tests).
 *
 * @param authorizeRetry when an unanswered authorize or a failed call is tried again
 * @param authorizeGiveUp after this (at most 23 h), an authorize whose outcome stayed unknown is no
 *     longer asked again and ends EXPIRED, alarmed
 * @param claimTimeout after this, a final authorization whose worker died may be taken over
 * @param readSchedule when a Payment Request without news is read again
 */
record PaymentPolicy(
    Duration authorizeRetry,
    Duration authorizeGiveUp,
    Duration claimTimeout,
    ReadSchedule readSchedule) {}
