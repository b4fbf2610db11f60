package com.stepup.gateway.payments.internal;

import com.stepup.gateway.payments.PaymentView;
import com.stepup.gateway.platform.IdempotencyClaim;
import java.util.function.Function;

/**
 * The partner's Idempotency-Key as a use case binds it in its own transactions: the claim, written
 * with the first write of the request, and the partner's answer for the payment as it stands,
 * written with the write that decides it. {@link #NONE}: no key, nothing written.
 */
record PartnerKey(IdempotencyClaim claim, Function<PaymentView, IdempotencyClaim.Answer> answer) {

  static final PartnerKey NONE = new PartnerKey(IdempotencyClaim.NONE, v -> null);

  /** Writes the claim (in the caller's transaction). */
  void claimIt() {
    claim.claim();
  }

  /** Writes the answer for the payment as it stands (in the caller's transaction). */
  void answer(PaymentView payment) {
    if (this != NONE) {
      claim.answer(answer.apply(payment));
    }
  }
}
