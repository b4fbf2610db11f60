package com.stepup.gateway.stores;

/** A key just made: {@code secret} is shown this once and never stored. */
public record IssuedApiKey(ApiKeyView key, String secret) {

  @Override
  public String toString() {
    return "IssuedApiKey[" + key.prefix() + "…]";
  }
}
