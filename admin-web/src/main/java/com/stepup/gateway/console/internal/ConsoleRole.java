package com.stepup.gateway.console.internal;

/** What a console user may do. Role names are also the container's security roles. */
public enum ConsoleRole {
  /** The acquirer's staff: every merchant, API keys, users. */
  PLATFORM_ADMIN,
  /** A merchant's own admin: its stores, terminals and payments only. */
  MERCHANT_ADMIN,
  /** Read-only: browse and search payment histories. */
  SUPPORT,
  /**
   * A merchant's store manager: sees and acts on the payments, terminals and reports of their own
   * stores only; no merchant-wide pages, no users, keys or settings.
   */
  STORE_MANAGER
}
