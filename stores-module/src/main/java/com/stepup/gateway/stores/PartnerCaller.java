package com.stepup.gateway.stores;

import jakarta.enterprise.context.RequestScoped;

/** The merchant whose API key authenticated the current partner API request. */
@RequestScoped
public class PartnerCaller {

  private MerchantView merchant;
  private PartnerKey key;

  /** The key the call came with (its id and scopes, never the secret). */
  public PartnerKey key() {
    if (key == null) {
      throw new IllegalStateException("not a partner API request");
    }
    return key;
  }

  public MerchantView merchant() {
    if (merchant == null) {
      throw new IllegalStateException("not a partner API request");
    }
    return merchant;
  }

  public String merchantId() {
    return merchant().id();
  }

  void authenticated(MerchantView merchant, PartnerKey key) {
    this.merchant = merchant;
    this.key = key;
  }
}
