package com.stepup.gateway.klarna;

/**
 * The token Klarna issues when a Payment Request is COMPLETED, with the header it goes back in:
 * {@code Klarna-Network-Session-Token} (current) or {@code Klarna-Payment-Token} (legacy).
 */
public record FinalAuthorizationToken(String header, String value) {

  public static final String NETWORK_SESSION_TOKEN = KlarnaWire.NETWORK_SESSION_TOKEN;
  public static final String PAYMENT_TOKEN = KlarnaWire.PAYMENT_TOKEN;

  public FinalAuthorizationToken {
    if (!NETWORK_SESSION_TOKEN.equals(header) && !PAYMENT_TOKEN.equals(header)) {
      throw new IllegalArgumentException("unknown token header " + header);
    }
  }

  @Override
  public String toString() {
    return header + ": [redacted]";
  }
}
