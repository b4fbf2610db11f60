package com.stepup.gateway.webhooks.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a partner notification may be sent. A merchant's {@code notification_url} is theirs to
 * choose, so without this it would make the gateway a way into its own network: loopback (the
 * gateway's own admin API, the sandbox's controls), private and link-local addresses (other
 * services, the cloud's metadata endpoint). The host is resolved at every delivery, so a name that
 * later points inside is refused then. {@code webhooks.delivery.allow-private-targets} lets the
 * demo and the tests deliver to local receivers (and over plain http).
 */
final class DeliveryTargets {

  private DeliveryTargets() {}

  /** Why the URL may not be called, or empty when it may. */
  static Optional<String> refusal(String url, boolean allowPrivate) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return Optional.of("the notification URL is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
      return Optional.of("the notification URL must be https");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      return Optional.of("the notification URL needs a host (and no user info)");
    }
    if (allowPrivate) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      return Optional.of("the notification URL's host does not resolve");
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        return Optional.of(
            "the notification URL's host is a private, loopback or link-local address");
      }
    }
    return Optional.empty();
  }

  /** An address on the public internet: not loopback, private, link-local, shared or special. */
  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return !(first == 0
          || (first == 100 && second >= 64 && second <= 127) // shared address space (CGNAT)
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240);
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return false; // unique local fc00::/7
      }
      boolean mappedV4 = true;
      for (int i = 0; i < 10; i++) {
        mappedV4 &= b[i] == 0;
      }
      if (mappedV4 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }
}
