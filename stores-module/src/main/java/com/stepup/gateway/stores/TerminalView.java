package com.stepup.gateway.stores;

import java.time.Instant;

/**
 * A terminal (till, kiosk) of a physical store; {@code displayLinkedAt} is when its display link
 * was last issued, {@code displaySeenAt} when a display last asked what to show (to 30 s).
 */
public record TerminalView(
    String id,
    String merchantId,
    String storeId,
    String terminalReference,
    String name,
    boolean hasDisplay,
    boolean active,
    Instant createdAt,
    Instant updatedAt,
    Instant displayLinkedAt,
    Instant displaySeenAt) {}
