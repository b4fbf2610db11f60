package com.stepup.gateway.stores;

/** A new merchant with its first API key and webhook secret, both shown once. */
public record CreatedMerchant(MerchantView merchant, IssuedApiKey apiKey, String webhookSecret) {

  @Override
  public String toString() {
    return "CreatedMerchant[" + merchant + "]";
  }
}
