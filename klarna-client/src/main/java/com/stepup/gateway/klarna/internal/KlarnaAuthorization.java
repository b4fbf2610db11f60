package com.stepup.gateway.klarna.internal;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** {@code Authorization: Basic <key>}, as Klarna's Acquiring Partner APIs take the API key. */
class KlarnaAuthorization implements ClientRequestFilter {

  private final String apiKey;

  KlarnaAuthorization(String apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public void filter(ClientRequestContext request) {
    request.getHeaders().putSingle("Authorization", "Basic " + apiKey);
    request.getHeaders().putSingle("User-Agent", "stepup-gateway");
  }
}
