package com.stepup.gateway.settlements;

/** What one import did; {@code ran} is false when another instance held the import. */
public record ImportResult(
    boolean ran, int payouts, int lines, int itemsOpened, int itemsResolved) {}
