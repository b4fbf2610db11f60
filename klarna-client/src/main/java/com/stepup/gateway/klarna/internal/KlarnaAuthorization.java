package com.stepup.gateway.klarna.internal;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.List;

/**
 * {@code Authorization: Basic <key>}, as Klarna's Acquiring Partner APIs take the API key; and no
 * header without a value. A null {@code @HeaderParam} of the REST client goes out as an empty
 * header (STACK.md trap 16), and Klarna reads a present {@code Klarna-Payment-Token} as a final
 * authorization whatever its value, so an optional header is sent only when it has one.
 */
class KlarnaAuthorization implements ClientRequestFilter {

  private final String apiKey;

  KlarnaAuthorization(String apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public void filter(ClientRequestContext request) {
    request.getHeaders().values().removeIf(KlarnaAuthorization::empty);
    request.getHeaders().putSingle("Authorization", "Basic " + apiKey);
    request.getHeaders().putSingle("User-Agent", "stepup-gateway");
  }

  /** True when the header has no value that is not blank. */
  static boolean empty(List<Object> values) {
    return values == null || values.stream().allMatch(v -> v == null || v.toString().isBlank());
  }
}
