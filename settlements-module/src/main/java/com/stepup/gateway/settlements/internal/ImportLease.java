package com.stepup.gateway.settlements.internal;

import java.time.Instant;

/**
 * The import's lease as the {@code settlement_import} row holds it: who imports and until when. One
 * import at a time across instances: a claim is refused while another owner's lease is live; an
 * expired lease (an instance that died mid-import) is taken over, and an owner may renew its own.
 */
record ImportLease(String owner, Instant until) {

  /** Whether this lease keeps {@code claimant} out at {@code now}. */
  boolean keeps(String claimant, Instant now) {
    return owner != null && !owner.equals(claimant) && until != null && until.isAfter(now);
  }
}
