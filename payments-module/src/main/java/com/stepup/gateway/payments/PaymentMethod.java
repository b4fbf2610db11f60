package com.stepup.gateway.payments;

/** How a payment was taken: a QR code in store, or a handover to Klarna's journey online. */
public enum PaymentMethod {
  QR_CODE,
  HANDOVER
}
