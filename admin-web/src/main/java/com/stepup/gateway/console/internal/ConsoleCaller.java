package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Models;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.ForbiddenException;
import java.util.Arrays;

/**
 * Who is using the console in this request: role and, for merchant-scoped users, the merchant.
 * Every controller asks it before reading or changing anything.
 */
@RequestScoped
class ConsoleCaller {

  @Inject SecurityContext security;
  @Inject ConsoleUsers users;
  @Inject Models models;

  private String merchantId;
  private boolean merchantLoaded;

  String username() {
    return security.getCallerPrincipal().getName();
  }

  ConsoleRole role() {
    return Arrays.stream(ConsoleRole.values())
        .filter(r -> security.isCallerInRole(r.name()))
        .findFirst()
        .orElseThrow(() -> new ForbiddenException());
  }

  /** The merchant the user is limited to; null for platform-wide users. */
  String merchantScope() {
    if (!merchantLoaded) {
      merchantId = users.merchantOf(username()).orElse(null);
      merchantLoaded = true;
    }
    if (merchantId == null && role() == ConsoleRole.MERCHANT_ADMIN) {
      throw new ForbiddenException(); // a merchant admin without a merchant sees nothing
    }
    return merchantId;
  }

  boolean platformAdmin() {
    return role() == ConsoleRole.PLATFORM_ADMIN;
  }

  /** Merchant admins change their own stores; platform admins may retry; support only reads. */
  boolean canEditStores() {
    return role() == ConsoleRole.MERCHANT_ADMIN && merchantScope() != null;
  }

  void requireStoreEditor() {
    if (!canEditStores()) {
      throw new ForbiddenException();
    }
  }

  void requireOperator() {
    if (role() == ConsoleRole.SUPPORT) {
      throw new ForbiddenException();
    }
  }

  /** The layout's user, role and navigation. */
  void describe() {
    models.put("user", username());
    models.put("role", role().name());
    models.put("platform", platformAdmin());
    models.put("canEditStores", canEditStores());
    models.put("platformStaff", role() != ConsoleRole.MERCHANT_ADMIN && merchantScope() == null);
  }
}
