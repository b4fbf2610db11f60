package com.stepup.gateway.payments.internal;

/**
 * A payment changed in the transaction that fires this (every change writes a timeline entry).
 * Observers {@code during = AFTER_SUCCESS} hear of it once it is committed.
 */
record PaymentChanged(String paymentId) {}
