package com.stepup.gateway.settlements.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The settlements module's settings, typed and defaulted in one place. */
@ApplicationScoped
class SettlementSettings {

  /** How often new payouts are imported (daily by default; Klarna settles daily at most). */
  @Inject
  @ConfigProperty(name = "settlements.import.interval-minutes", defaultValue = "1440")
  long importIntervalMinutes;

  /** A capture no payout has settled this many days after it was made opens {@code not_settled}. */
  @Inject
  @ConfigProperty(name = "settlements.not-settled-after-days", defaultValue = "3")
  long notSettledAfterDays;

  /** The fee per capture merchants agreed to: fixed (minor units)… */
  @Inject
  @ConfigProperty(name = "settlements.agreed-fee.fixed", defaultValue = "30")
  long agreedFeeFixed;

  /** …plus this many basis points of the capture; a FEE above it opens {@code fee_above_plan}. */
  @Inject
  @ConfigProperty(name = "settlements.agreed-fee.percent-bp", defaultValue = "290")
  long agreedFeePercentBp;

  Duration importInterval() {
    return Duration.ofMinutes(Math.max(1, importIntervalMinutes));
  }

  Duration notSettledAfter() {
    return Duration.ofDays(Math.max(0, notSettledAfterDays));
  }

  LineMatching.FeePlan agreedFee() {
    return new LineMatching.FeePlan(agreedFeeFixed, agreedFeePercentBp);
  }
}
