package com.stepup.gateway.webhooks.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a partner notification may be sent. A merchant's {@code notification_url} is theirs to
 * choose, so without this it would make the gateway a way into its own network: loopback (the
 * gateway's own admin API, the sandbox's controls), private and link-local addresses (other
 * services, the cloud's metadata endpoint), the host's own public addresses. Only global-unicast
 * addresses pass: everything in IANA's IPv4 and IPv6 special-purpose registries is refused, and an
 * IPv4 address wrapped in IPv6 (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96}) is judged
 * as the IPv4 address it reaches. The host is resolved at every delivery and the delivery connects
 * to the very address checked ({@link PinnedPost}), so a name cannot point elsewhere between the
 * check and the connection. {@code webhooks.delivery.allow-private-targets} lets the demo and the
 * tests deliver to local receivers (and over plain http).
 */
final class DeliveryTargets {

  private DeliveryTargets() {}

  /** How a host name becomes addresses; the system resolver, or a table in tests. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** A URL that may be called, and the address it must be called at. */
  record Target(URI uri, InetAddress address) {}

  /** Why the URL may not be called, or empty when it may. */
  static Optional<String> refusal(String url, boolean allowPrivate) {
    Object verdict = check(url, allowPrivate, InetAddress::getAllByName, ownAddresses());
    return verdict instanceof String refusal ? Optional.of(refusal) : Optional.empty();
  }

  /**
   * The {@link Target} to connect to, or a {@code String} saying why the URL may not be called.
   * Every address the host resolves to must be global unless {@code allowPrivate}; the first is the
   * one connected to.
   */
  static Object check(
      String url, boolean allowPrivate, Resolver resolver, Set<InetAddress> ownAddresses) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return "the notification URL is not a URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
      return "the notification URL must be https";
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      return "the notification URL needs a host (and no user info)";
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host(uri));
    } catch (UnknownHostException e) {
      return "the notification URL's host does not resolve";
    }
    if (addresses.length == 0) {
      return "the notification URL's host does not resolve";
    }
    if (!allowPrivate) {
      for (InetAddress address : addresses) {
        if (!isGlobal(address) || ownAddresses.contains(address)) {
          return "the notification URL's host is not a public internet address";
        }
      }
    }
    return new Target(uri, addresses[0]);
  }

  /** The host of {@code uri} without an IPv6 literal's brackets. */
  static String host(URI uri) {
    String host = uri.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** A global-unicast address: nothing from IANA's special-purpose registries. */
  static boolean isGlobal(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return IPV4_SPECIAL.stream().noneMatch(block -> block.contains(b));
    }
    if (!(a instanceof Inet6Address)) {
      return false;
    }
    // an IPv4 address in IPv6 clothing is judged as the IPv4 address it reaches
    Optional<byte[]> wrapped = wrappedIpv4(b);
    if (wrapped.isPresent()) {
      try {
        return isGlobal(InetAddress.getByAddress(wrapped.get()));
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return IPV6_GLOBAL_UNICAST.contains(b) && IPV6_SPECIAL.stream().noneMatch(bl -> bl.contains(b));
  }

  /**
   * The IPv4 address inside an IPv4-mapped ({@code ::ffff:0:0/96}), IPv4-compatible ({@code ::/96},
   * deprecated but still routed by some stacks) or NAT64 ({@code 64:ff9b::/96}) address.
   */
  static Optional<byte[]> wrappedIpv4(byte[] b) {
    if (MAPPED.contains(b) || COMPATIBLE.contains(b) || NAT64.contains(b)) {
      return Optional.of(Arrays.copyOfRange(b, 12, 16));
    }
    return Optional.empty();
  }

  /** A CIDR block. */
  record Block(byte[] prefix, int bits) {
    static Block of(String cidr) {
      int slash = cidr.indexOf('/');
      try {
        return new Block(
            InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
            Integer.parseInt(cidr.substring(slash + 1)));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(cidr, e);
      }
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((address[i / 8] & mask) != (prefix[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** IANA IPv4 Special-Purpose Address Registry, with multicast and the reserved 240/4. */
  static final List<Block> IPV4_SPECIAL =
      List.of(
              "0.0.0.0/8",
              "10.0.0.0/8",
              "100.64.0.0/10",
              "127.0.0.0/8",
              "169.254.0.0/16",
              "172.16.0.0/12",
              "192.0.0.0/24",
              "192.0.2.0/24",
              "192.31.196.0/24",
              "192.52.193.0/24",
              "192.88.99.0/24",
              "192.168.0.0/16",
              "192.175.48.0/24",
              "198.18.0.0/15",
              "198.51.100.0/24",
              "203.0.113.0/24",
              "224.0.0.0/4",
              "240.0.0.0/4")
          .stream()
          .map(Block::of)
          .toList();

  static final Block IPV6_GLOBAL_UNICAST = Block.of("2000::/3");

  /**
   * IANA IPv6 Special-Purpose Address Registry entries inside 2000::/3 (the rest, loopback,
   * unspecified, 64:ff9b:1::/48, 100::/64, fc00::/7, fe80::/10, multicast, lie outside it).
   */
  static final List<Block> IPV6_SPECIAL =
      List.of("2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20").stream()
          .map(Block::of)
          .toList();

  private static final Block MAPPED = new Block(mappedPrefix(), 96);
  private static final Block COMPATIBLE = new Block(new byte[16], 96);
  private static final Block NAT64 = Block.of("64:ff9b::/96");

  private static byte[] mappedPrefix() {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    return b;
  }

  private static volatile Set<InetAddress> own = Set.of();
  private static volatile long ownReadAt;

  /** The host's own addresses (every interface's), read again at most once a minute. */
  static Set<InetAddress> ownAddresses() {
    long now = System.nanoTime();
    if (ownReadAt == 0 || now - ownReadAt > 60_000_000_000L) {
      Set<InetAddress> found = new HashSet<>();
      try {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          found.addAll(Collections.list(nic.getInetAddresses()));
        }
      } catch (SocketException | RuntimeException e) {
        // none readable: the special-purpose check still holds
      }
      own = Set.copyOf(found);
      ownReadAt = now;
    }
    return own;
  }
}
