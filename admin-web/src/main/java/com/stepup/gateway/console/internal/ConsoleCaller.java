package com.stepup.gateway.console.internal;

import com.stepup.gateway.payments.PaymentFilter;
import com.stepup.gateway.stores.Merchants;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.Stores;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Models;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is using the console in this request: role and, for merchant-scoped users, the merchant.
 * Every controller asks it before reading or changing anything.
 */
@RequestScoped
class ConsoleCaller {

  @Inject SecurityContext security;
  @Inject ConsoleUsers users;
  @Inject Models models;
  @Inject HttpServletRequest request;
  @Inject Merchants merchants;
  @Inject Stores stores;

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

  /**
   * The merchant the user is limited to; null for platform-wide users. A store manager is refused
   * here (403): they see a page only where it also narrows to their stores, which asks {@link
   * #storesMerchant()} instead, so a page that does not is closed to them by default.
   */
  String merchantScope() {
    if (role() == ConsoleRole.STORE_MANAGER) {
      throw new ForbiddenException();
    }
    return ownMerchant();
  }

  private String ownMerchant() {
    if (!merchantLoaded) {
      merchantId = users.merchantOf(username()).orElse(null);
      merchantLoaded = true;
    }
    if (merchantId == null
        && (role() == ConsoleRole.MERCHANT_ADMIN || role() == ConsoleRole.STORE_MANAGER)) {
      throw new ForbiddenException(); // a merchant's user without a merchant sees nothing
    }
    return merchantId;
  }

  /** Whether the user sees only some stores of their merchant. */
  boolean storeManager() {
    return role() == ConsoleRole.STORE_MANAGER;
  }

  /**
   * The merchant scope of a page that narrows to {@link #storeIds()} or {@link #storeReferences()}
   * as well: {@link #merchantScope()}, and a store manager's merchant.
   */
  String storesMerchant() {
    return ownMerchant();
  }

  private Set<String> storeIds;
  private Set<String> storeReferences;

  /** The ids of the stores a store manager is limited to; null for everyone else. */
  Set<String> storeIds() {
    if (!storeManager()) {
      return null;
    }
    if (storeIds == null) {
      storeIds = Set.copyOf(users.storesOf(username()));
    }
    return storeIds;
  }

  /** The references of a store manager's stores (what payments name); null for everyone else. */
  Set<String> storeReferences() {
    if (!storeManager()) {
      return null;
    }
    if (storeReferences == null) {
      String merchant = ownMerchant();
      storeReferences =
          stores.list(merchant, null, 0, 1000).items().stream()
              .filter(s -> storeIds().contains(s.id()))
              .map(StoreView::storeReference)
              .collect(Collectors.toUnmodifiableSet());
    }
    return storeReferences;
  }

  /** A payments filter narrowed to a store manager's stores; as it is for everyone else. */
  PaymentFilter storesOnly(PaymentFilter filter) {
    return storeManager() ? filter.withinStores(storeReferences()) : filter;
  }

  /** Whether the user may see this store of their merchant: every one, or a store manager's. */
  boolean seesStore(String storeId) {
    return !storeManager() || storeIds().contains(storeId);
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

  /** The layout's user, role and navigation; the zone times are shown in; what was just done. */
  void describe() {
    models.put("user", username());
    models.put("role", role().name());
    models.put("platform", platformAdmin());
    models.put("canEditStores", canEditStores());
    models.put("storeManager", storeManager());
    models.put(
        "platformStaff",
        role() != ConsoleRole.MERCHANT_ADMIN && !storeManager() && ownMerchant() == null);
    models.put("ownMerchant", storeManager() ? null : ownMerchant());
    models.put(
        "section", section(request.getRequestURI().substring(request.getContextPath().length())));
    models.put("zone", zone(ownMerchant()));
    String done = request.getParameter("done");
    if (done != null && done.matches("[a-z-]{1,40}") && DONE.containsKey("done." + done)) {
      models.put("doneMessage", DONE.getProperty("done." + done));
    }
    var session = request.getSession(false);
    Object flash = session == null ? null : session.getAttribute(FLASH);
    if (flash != null) {
      session.removeAttribute(FLASH);
      models.put("shownOnce", flash);
    }
  }

  /**
   * The user's locale: their own choice ({@link ConsoleLocales}), else the browser's {@code
   * Accept-Language}: how typed amounts are read where they are ambiguous by themselves ("1,234").
   * English (US) when neither names one. Read once per request, so a new choice holds from the
   * next.
   */
  Locale locale() {
    if (locale == null) {
      locale =
          ConsoleLocales.effective(
              locales.of(username()),
              request.getHeader("Accept-Language") == null ? null : request.getLocale());
    }
    return locale;
  }

  @Inject ConsoleLocales locales;
  private Locale locale;

  /** The zone a merchant's times and days are shown in; UTC for none. */
  ZoneId zone(String merchantId) {
    // asked by the layout and again by the page: one read of the merchant per request
    return merchantId == null
        ? ZoneId.of("UTC")
        : zones.computeIfAbsent(
            merchantId, id -> merchants.find(id).map(m -> m.zone()).orElse(ZoneId.of("UTC")));
  }

  private final Map<String, ZoneId> zones = new HashMap<>();

  private static final Properties DONE = ConsoleTemplates.MESSAGES;
  private static final String FLASH = "console.flash";

  /**
   * Something to show once on the page a POST redirects to (a new key or secret), kept in the
   * session until that page is drawn: a refresh shows it no more and issues nothing.
   */
  void flash(Map<String, Object> shownOnce) {
    request.getSession().setAttribute(FLASH, new HashMap<>(shownOnce));
  }

  /** Which part of the navigation a console path belongs to. */
  static String section(String path) {
    String[] parts = path.split("/");
    return parts.length < 3 ? "dashboard" : parts[2];
  }
}
