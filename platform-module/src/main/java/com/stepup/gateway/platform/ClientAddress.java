package com.stepup.gateway.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The address of the client behind a request. The immediate peer is the client, unless it is one of
 * the configured trusted proxies ({@code gateway.http.trusted-proxies}: addresses or CIDR ranges,
 * comma separated; none by default). Only then is {@code X-Forwarded-For} read, from the right,
 * skipping further trusted proxies: the first address not trusted is the client. A client cannot
 * choose its address by sending the header itself, because only what a trusted proxy appended is
 * believed, and nothing in the header is ever resolved through DNS.
 */
public final class ClientAddress {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private static volatile ClientAddress configured;

  private record Range(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[whole] & mask) == (network[whole] & mask);
    }
  }

  private final List<Range> trusted;

  /** Trusting the proxies in {@code trustedProxies} (addresses or CIDR ranges, comma separated). */
  public ClientAddress(String trustedProxies) {
    List<Range> ranges = new ArrayList<>();
    if (trustedProxies != null) {
      for (String entry : trustedProxies.split(",")) {
        String e = entry.strip();
        if (e.isEmpty()) {
          continue;
        }
        int slash = e.indexOf('/');
        byte[] network =
            literal(slash < 0 ? e : e.substring(0, slash))
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "gateway.http.trusted-proxies: not an IP address or range: " + e));
        int bits = network.length * 8;
        if (slash >= 0) {
          try {
            bits = Integer.parseInt(e.substring(slash + 1));
          } catch (NumberFormatException notANumber) {
            bits = -1;
          }
          if (bits < 0 || bits > network.length * 8) {
            throw new IllegalArgumentException(
                "gateway.http.trusted-proxies: not a prefix length: " + e);
          }
        }
        ranges.add(new Range(network, bits));
      }
    }
    this.trusted = List.copyOf(ranges);
  }

  /** As configured by {@code gateway.http.trusted-proxies}, read once. */
  public static ClientAddress configured() {
    ClientAddress c = configured;
    if (c == null) {
      c =
          new ClientAddress(
              ConfigProvider.getConfig()
                  .getOptionalValue("gateway.http.trusted-proxies", String.class)
                  .orElse(""));
      configured = c;
    }
    return c;
  }

  /**
   * The client's address, given the immediate peer and the request's {@code X-Forwarded-For} values
   * (all of them, in order; null or empty when none).
   */
  public String of(String peer, List<String> forwardedFor) {
    if (!isTrusted(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        hops.add(hop.strip());
      }
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (literal(hop).isEmpty()) {
        return client; // garbage beyond this point was not written by a proxy we trust
      }
      client = hop;
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  /** Whether {@code address} is one of the trusted proxies. */
  public boolean isTrusted(String address) {
    if (trusted.isEmpty()) {
      return false;
    }
    return literal(address).map(a -> trusted.stream().anyMatch(r -> r.contains(a))).orElse(false);
  }

  /** The bytes of an IP address literal; empty for anything else (never a DNS lookup). */
  static Optional<byte[]> literal(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean v4 = IPV4.matcher(t).matches();
    if (!v4 && !(t.contains(":") && IPV6.matcher(t).matches())) {
      return Optional.empty();
    }
    try {
      byte[] bytes = InetAddress.getByName(t).getAddress();
      if (bytes.length == 16 && isV4Mapped(bytes)) {
        return Optional.of(Arrays.copyOfRange(bytes, 12, 16));
      }
      return Optional.of(bytes);
    } catch (UnknownHostException notALiteral) {
      return Optional.empty();
    }
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }
}
