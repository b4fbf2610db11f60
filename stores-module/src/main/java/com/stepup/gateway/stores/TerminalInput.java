package com.stepup.gateway.stores;

/** A terminal to create or change; null fields are left as they are on update. */
public record TerminalInput(
    String terminalReference, String name, Boolean hasDisplay, Boolean active) {}
