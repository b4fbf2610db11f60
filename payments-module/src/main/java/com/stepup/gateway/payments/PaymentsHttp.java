package com.stepup.gateway.payments;

import com.stepup.gateway.payments.internal.PaymentsResource;
import com.stepup.gateway.payments.internal.ShopperRedirects;
import java.util.Set;

/** The payments module's JAX-RS classes, by the application that serves them. */
public final class PaymentsHttp {

  /** {@code /api/v1/payments}. */
  public static final Set<Class<?>> API = Set.of(PaymentsResource.class);

  /** The shopper's pages ({@code /pay/…}, {@code /return/…}), served with the console's. */
  public static final Set<Class<?>> CONSOLE = Set.of(ShopperRedirects.class);

  private PaymentsHttp() {}
}
