package com.stepup.gateway.stores;

import com.stepup.gateway.platform.FieldError;
import com.stepup.gateway.platform.ListPage;
import java.util.List;

/**
 * A merchant's stores and terminals: written here, onboarded to Klarna, with the same rules for API
 * and console.
 */
public interface Stores {

  StoreView create(String merchantId, StoreType type, String reference, StoreView.Details details);

  /** What is wrong with a new store's data, field by field; empty when it may be created. */
  List<FieldError> check(StoreType type, String reference, StoreView.Details details);

  /** Tries Klarna again for a store that is not onboarded; an onboarded store is answered as is. */
  StoreView retryOnboarding(String merchantId, String storeId);

  /**
   * Changes the name and type-specific data. An onboarded store is changed at Klarna first; if
   * Klarna refuses or fails, nothing changes here either.
   */
  StoreView update(String merchantId, String storeId, StoreView.Details details);

  StoreView get(String merchantId, String storeId);

  /** {@code merchantId} null lists every merchant's stores (platform roles only). */
  ListPage<StoreView> list(String merchantId, String query, int page, int size);

  TerminalView createTerminal(String merchantId, String storeId, TerminalInput input);

  TerminalView updateTerminal(
      String merchantId, String storeId, String terminalId, TerminalInput input);

  TerminalView terminal(String merchantId, String storeId, String terminalId);

  /**
   * A new unguessable link for the terminal's customer-facing display (its token is in this answer
   * only); the previous link stops working at once.
   */
  String rotateDisplayToken(String merchantId, String storeId, String terminalId);

  /** The terminal's display link stops working at once, and no new one is issued. */
  void disconnectDisplay(String merchantId, String storeId, String terminalId);

  List<TerminalView> terminals(String merchantId, String storeId);

  /** Every terminal of the merchant ({@code null}: of every merchant), at most {@code limit}. */
  List<TerminalView> allTerminals(String merchantId, int limit);
}
