package com.stepup.gateway.platform;

import java.net.URI;
import java.net.URISyntaxException;

/** The one rule for URLs people and Klarna are sent to. */
public final class WebUrls {

  private WebUrls() {}

  /** An absolute http(s) URL with a host. */
  public static boolean isWebUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null
          && !uri.getHost().isBlank();
    } catch (URISyntaxException | NullPointerException e) {
      return false;
    }
  }
}
