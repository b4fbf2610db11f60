package com.stepup.gateway.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a process listens on, read from Linux's {@code /proc}: the TCP sockets in {@code LISTEN} and
 * the UDP sockets bound and not connected (a data grid's multicast or its member port would be
 * one), matched to the process by the socket inodes among its file descriptors.
 */
final class ListeningPorts {

  private ListeningPorts() {}

  /** A socket that waits for others: its protocol and local port. */
  record Listener(String protocol, int port) {
    @Override
    public String toString() {
      return protocol + ":" + port;
    }
  }

  /** The listeners of the process that listens on TCP {@code port}, or empty if none does. */
  static Optional<Set<Listener>> ofProcessListeningOn(int port) throws IOException {
    Map<Long, Listener> listeners = new HashMap<>();
    for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
      Path file = Path.of("/proc/net", table);
      if (Files.isReadable(file)) {
        listeners.putAll(parse(table.startsWith("tcp") ? "tcp" : "udp", Files.readString(file)));
      }
    }
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process :
          processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        Set<Long> inodes = socketInodes(process);
        if (inodes.stream()
            .map(listeners::get)
            .anyMatch(l -> l != null && l.protocol().equals("tcp") && l.port() == port)) {
          Set<Listener> own = new TreeSet<>(Comparator.comparing(Listener::toString));
          inodes.stream().map(listeners::get).filter(Objects::nonNull).forEach(own::add);
          return Optional.of(own);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The listening sockets of one {@code /proc/net/tcp*} or {@code udp*} table, by inode: TCP in
   * state {@code 0A} (LISTEN), UDP in state {@code 07} (unconnected) with a remote port of 0.
   */
  static Map<Long, Listener> parse(String protocol, String table) {
    Map<Long, Listener> found = new HashMap<>();
    for (String line : table.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !f[0].endsWith(":")) {
        continue; // the heading
      }
      String local = f[1];
      String remote = f[2];
      String state = f[3];
      boolean listening =
          protocol.equals("tcp")
              ? state.equals("0A")
              : state.equals("07") && remote.endsWith(":0000");
      if (listening) {
        int port = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
        found.put(Long.parseLong(f[9]), new Listener(protocol, port));
      }
    }
    return found;
  }

  private static Set<Long> socketInodes(Path process) {
    Set<Long> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
      fds.forEach(
          fd -> {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith("socket:[")) {
                inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
              }
            } catch (IOException | RuntimeException gone) {
              // closed meanwhile
            }
          });
    } catch (IOException | RuntimeException notOurs) {
      // another user's process, or gone
    }
    return inodes;
  }
}
