package com.stepup.gateway.payments.internal;

import com.stepup.gateway.platform.IdempotencyClaim;
import java.util.function.Function;

/**
 * The partner's Idempotency-Key as a use case binds it in its own transactions: the claim, written
 * with the first write of the request, and the partner's answer for what the request made as it
 * stands ({@code V}: the payment of a create, the operation of a capture or a refund), written with
 * the write that decides it. {@link #none()}: no key, nothing written.
 */
record PartnerKey<V>(IdempotencyClaim claim, Function<V, IdempotencyClaim.Answer> answer) {

  private static final PartnerKey<Object> NONE = new PartnerKey<>(IdempotencyClaim.NONE, v -> null);

  /** No key: nothing written. */
  @SuppressWarnings("unchecked")
  static <V> PartnerKey<V> none() {
    return (PartnerKey<V>) NONE;
  }

  /** Writes the claim (in the caller's transaction). */
  void claimIt() {
    claim.claim();
  }

  /** Writes the answer for what the request made, as it stands (in the caller's transaction). */
  void answer(V made) {
    if (this != NONE) {
      claim.answer(answer.apply(made));
    }
  }
}
