package com.stepup.gateway.platform;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a request comes from the gateway's own pages or from a page on another site, by what the
 * browser says ({@code Origin}, {@code Sec-Fetch-Site}). Servers (partners, Klarna) say neither and
 * pass.
 */
public final class SameOrigin {

  private SameOrigin() {}

  /**
   * True when nothing says the request comes from another site: no {@code Origin} unless the
   * browser says cross-site, or an {@code Origin} that is the gateway's public one or the one the
   * request was sent to.
   */
  public static boolean check(
      String origin, String fetchSite, String publicOrigin, String ownOrigin) {
    if (origin == null || origin.isBlank()) {
      return !"cross-site".equalsIgnoreCase(fetchSite);
    }
    String o = of(origin);
    return !o.isEmpty() && (o.equals(of(publicOrigin)) || o.equals(of(ownOrigin)));
  }

  /** {@code scheme://host[:port]} in lower case, the default port left out; "" when unreadable. */
  public static String of(String url) {
    try {
      URI uri = URI.create(url.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "";
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || (scheme.equals("http") && port == 80)
              || (scheme.equals("https") && port == 443);
      return scheme
          + "://"
          + uri.getHost().toLowerCase(Locale.ROOT)
          + (defaultPort ? "" : ":" + port);
    } catch (IllegalArgumentException | NullPointerException e) {
      return "";
    }
  }
}
