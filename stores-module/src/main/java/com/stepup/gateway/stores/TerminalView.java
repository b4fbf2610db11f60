package com.stepup.gateway.stores;

import java.time.Instant;

/** A terminal (till, kiosk) of a physical store. */
public record TerminalView(
    String id,
    String merchantId,
    String storeId,
    String terminalReference,
    String name,
    boolean hasDisplay,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {}
