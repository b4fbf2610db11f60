package com.stepup.gateway.platform.errors;

/**
 * A conflict about how much money can move, with the amounts kept as facts (minor units): the API
 * says the message as it always has, and the console says the same facts in the payment's currency
 * ("$500.00 is more than can be refunded ($149.00)"), never in minor units (issue 29).
 */
public class AmountConflict extends Conflict {

  /** Which rule refused. */
  public enum Rule {
    /** {@code amount} is more than the {@code limit} that can be captured. */
    CAPTURE_OVER,
    /** Nothing is left to capture. */
    CAPTURE_NOTHING_LEFT,
    /** {@code amount} is more than the {@code limit} that can be refunded. */
    REFUND_OVER,
    /** {@code amount} is more than the {@code limit} that can be refunded of one capture. */
    REFUND_OVER_OF_CAPTURE,
    /** Nothing is left to refund. */
    REFUND_NOTHING_LEFT,
    /** Nothing is left to refund of one capture. */
    REFUND_NOTHING_LEFT_OF_CAPTURE,
    /** A capture of {@code pending} is on its way; a release waits for its answer. */
    RELEASE_WHILE_CAPTURING
  }

  private final Rule rule;
  private final long amount;
  private final long limit;
  private final long pending;

  /**
   * @param amount what was asked for (0 when the rule names none)
   * @param limit what could move (0 when the rule names none)
   * @param pending what is on its way to Klarna for the same kind of movement
   */
  public AmountConflict(String why, Rule rule, long amount, long limit, long pending) {
    super(why);
    this.rule = rule;
    this.amount = amount;
    this.limit = limit;
    this.pending = pending;
  }

  public Rule rule() {
    return rule;
  }

  public long amount() {
    return amount;
  }

  public long limit() {
    return limit;
  }

  public long pending() {
    return pending;
  }
}
