package com.stepup.gateway.settlements;

import java.util.List;

/**
 * The dashboard's settlement figures for a period, per currency: what was captured in it, what
 * Klarna's payouts dated in it settled of sales (their SALE lines) and paid out net, and the open
 * reconciliation items now.
 */
public record SettlementSummary(List<Row> rows, long openItems) {

  /** Minor units; {@code settled} and {@code netPaidOut} from payouts dated in the period. */
  public record Row(String currency, long captured, long settled, long netPaidOut, long payouts) {

    /** Settled sales per captured, in percent (0 when nothing was captured). */
    public long settledPercent() {
      return captured == 0 ? 0 : Math.round(100.0 * settled / captured);
    }
  }
}
