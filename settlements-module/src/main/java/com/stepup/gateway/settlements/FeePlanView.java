package com.stepup.gateway.settlements;

import java.time.Instant;

/**
 * The fee a merchant agreed to per capture: {@code fixed} minor units plus {@code percentBp} basis
 * points of the capture. A settled FEE above it opens {@code fee_above_plan}.
 *
 * @param agreed true when the merchant has a plan of its own; false for the default (the setting)
 */
public record FeePlanView(
    String merchantId,
    long fixed,
    long percentBp,
    boolean agreed,
    Instant updatedAt,
    String updatedBy) {}
