package com.stepup.gateway.disputes;

import com.stepup.gateway.disputes.internal.AdminDisputesResource;
import com.stepup.gateway.disputes.internal.DisputesResource;
import com.stepup.gateway.disputes.internal.PaymentDisputesResource;
import java.util.Set;

/** The disputes module's JAX-RS classes: all of them are the API's (partner and admin). */
public final class DisputesHttp {

  /** {@code /api/v1/disputes}, a payment's disputes and the admin's reconcile. */
  public static final Set<Class<?>> API =
      Set.of(DisputesResource.class, PaymentDisputesResource.class, AdminDisputesResource.class);

  private DisputesHttp() {}
}
