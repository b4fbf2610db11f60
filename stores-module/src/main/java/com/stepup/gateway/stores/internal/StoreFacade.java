package com.stepup.gateway.stores.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaStore;
import com.stepup.gateway.klarna.KlarnaStores;
import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.ListPage;
import com.stepup.gateway.platform.errors.DomainError;
import com.stepup.gateway.platform.errors.InvalidInput;
import com.stepup.gateway.platform.errors.KlarnaRefused;
import com.stepup.gateway.platform.errors.KlarnaUnavailable;
import com.stepup.gateway.stores.StoreType;
import com.stepup.gateway.stores.StoreView;
import com.stepup.gateway.stores.Stores;
import com.stepup.gateway.stores.TerminalInput;
import com.stepup.gateway.stores.TerminalView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * A merchant's stores and terminals, and their onboarding to Klarna. No transaction is held while
 * Klarna is called: the store is written PENDING, Klarna is asked, and the outcome is written.
 *
 * <p>When Klarna refuses a new store's data (a 4xx), the store is removed again and the caller gets
 * Klarna's reasons; when Klarna cannot be reached or fails (time-out, 5xx, 429), the store stays
 * FAILED with the reason, and {@link #retryOnboarding} tries again.
 */
@ApplicationScoped
class StoreFacade implements Stores {

  @Inject StoreRepository repository;
  @Inject MerchantRepository merchants;
  @Inject KlarnaStores klarna;

  @Override
  public StoreView create(
      String merchantId, StoreType type, String reference, StoreView.Details details) {
    List<FieldError> errors = check(type, reference, details);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    StoreView pending = repository.insertPending(merchantId, type, reference, details);
    return onboard(pending, true);
  }

  /** What is wrong with a new store's data, field by field; empty when it may be created. */
  @Override
  public List<FieldError> check(StoreType type, String reference, StoreView.Details details) {
    List<FieldError> errors = new ArrayList<>();
    if (type == null) {
      errors.add(new FieldError("type", "must be PHYSICAL_STORE, WEBSITE or MOBILE_APP"));
    }
    if (reference == null) {
      errors.add(new FieldError("store_reference", "is required"));
    }
    errors.addAll(StoreRules.check(type, reference, details));
    return errors;
  }

  /** Tries Klarna again for a store that is not onboarded; an onboarded store is answered as is. */
  @Override
  public StoreView retryOnboarding(String merchantId, String storeId) {
    StoreView store = repository.get(merchantId, storeId);
    return store.onboarded()
        ? store
        : onboard(repository.startOnboarding(merchantId, storeId), false);
  }

  /**
   * Changes the name and type-specific data. An onboarded store is changed at Klarna first; if
   * Klarna refuses or fails, nothing changes here either.
   */
  @Override
  public StoreView update(String merchantId, String storeId, StoreView.Details details) {
    StoreView current = repository.get(merchantId, storeId);
    List<FieldError> errors = StoreRules.check(current.type(), null, details);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    if (current.onboarded()) {
      try {
        klarna.update(
            partnerAccount(current),
            current.klarnaStoreId(),
            toKlarna(current.type(), current.storeReference(), details),
            current.id() + ":" + current.updatedAt().toEpochMilli());
      } catch (KlarnaException e) {
        throw klarnaProblem(e);
      }
    }
    return repository.update(merchantId, storeId, details);
  }

  @Override
  public StoreView get(String merchantId, String storeId) {
    return repository.get(merchantId, storeId);
  }

  /** {@code merchantId} null lists every merchant's stores (platform roles only). */
  @Override
  public ListPage<StoreView> list(String merchantId, String query, int page, int size) {
    return repository.list(merchantId, query, page, size);
  }

  @Override
  public TerminalView createTerminal(String merchantId, String storeId, TerminalInput input) {
    List<FieldError> errors = new ArrayList<>();
    if (input.terminalReference() == null) {
      errors.add(new FieldError("terminal_reference", "is required"));
    }
    errors.addAll(StoreRules.checkTerminalReference(input.terminalReference()));
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return repository.createTerminal(merchantId, storeId, input);
  }

  @Override
  public TerminalView updateTerminal(
      String merchantId, String storeId, String terminalId, TerminalInput input) {
    if (input.terminalReference() != null) {
      TerminalView current = repository.terminal(merchantId, storeId, terminalId);
      if (!current.terminalReference().equals(input.terminalReference())) {
        throw new InvalidInput("terminal_reference", "cannot be changed");
      }
    }
    return repository.updateTerminal(merchantId, storeId, terminalId, input);
  }

  @Override
  public TerminalView terminal(String merchantId, String storeId, String terminalId) {
    return repository.terminal(merchantId, storeId, terminalId);
  }

  /**
   * A new unguessable link for the terminal's customer-facing display (its token is in this answer
   * only); the previous link stops working at once.
   */
  @Override
  public String rotateDisplayToken(String merchantId, String storeId, String terminalId) {
    return repository.rotateDisplayToken(merchantId, storeId, terminalId);
  }

  @Override
  public void disconnectDisplay(String merchantId, String storeId, String terminalId) {
    repository.disconnectDisplay(merchantId, storeId, terminalId);
  }

  @Override
  public List<TerminalView> terminals(String merchantId, String storeId) {
    return repository.terminals(merchantId, storeId);
  }

  @Override
  public List<TerminalView> allTerminals(String merchantId, int limit) {
    return repository.allTerminals(merchantId, limit);
  }

  /** One attempt, already counted in {@code store.onboardingAttempts()}. */
  private StoreView onboard(StoreView store, boolean creating) {
    String account = partnerAccount(store);
    try {
      String klarnaStoreId =
          klarna.onboard(
              account,
              toKlarna(store.type(), store.storeReference(), store.details()),
              store.id() + ":" + store.onboardingAttempts());
      return repository.recordOnboarded(store.id(), klarnaStoreId);
    } catch (KlarnaException e) {
      if (creating && e.refused()) {
        repository.delete(store.id());
        throw klarnaProblem(e);
      }
      return repository.recordFailed(store.id(), "Klarna: " + e.describe());
    }
  }

  private String partnerAccount(StoreView store) {
    return merchants.find(store.merchantId()).orElseThrow().partnerAccountId();
  }

  private static DomainError klarnaProblem(KlarnaException e) {
    if (e.retryable()) {
      return new KlarnaUnavailable("Klarna did not take the change (" + e.describe() + ").");
    }
    List<FieldError> fields =
        e.validationErrors().stream()
            .map(v -> new FieldError(v.parameter(), "Klarna: " + v.reason()))
            .toList();
    return new KlarnaRefused("Klarna answered " + e.describe(), fields);
  }

  private static KlarnaStore toKlarna(StoreType type, String reference, StoreView.Details details) {
    StoreView.Address a = details.address();
    return new KlarnaStore(
        type.name(),
        reference,
        details.name(),
        a == null
            ? null
            : new KlarnaStore.Address(
                a.streetAddress(),
                a.streetAddress2(),
                a.postalCode(),
                a.city(),
                a.region(),
                a.country()),
        details.url(),
        details.platform(),
        details.bundleNames());
  }
}
