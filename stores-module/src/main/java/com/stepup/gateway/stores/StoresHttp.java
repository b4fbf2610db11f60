package com.stepup.gateway.stores;

import com.stepup.gateway.stores.internal.AdminMerchantsResource;
import com.stepup.gateway.stores.internal.StoresResource;
import java.util.Set;

/** The stores module's JAX-RS classes: all of them are the API's (partner and admin). */
public final class StoresHttp {

  /** The partner API's key check and rate limit, the stores and the admin's merchants. */
  public static final Set<Class<?>> API =
      Set.of(PartnerAuthentication.class, StoresResource.class, AdminMerchantsResource.class);

  private StoresHttp() {}
}
