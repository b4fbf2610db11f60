/**
 * Merchants (Klarna partners), their stores and terminals, and the API keys partners authenticate
 * with. This package is the module's API ({@code Merchants}, {@code Stores}, {@code StoreDirectory}
 * interfaces and view records); {@code internal} holds their implementations and the rest, and is
 * not to be used by other modules.
 */
package com.stepup.gateway.stores;
