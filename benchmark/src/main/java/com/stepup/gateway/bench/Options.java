package com.stepup.gateway.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A driver's command line: {@code --name value} pairs, as the scripts pass them. An unknown name, a
 * name without a value or a missing required one is an error that names it, before any request.
 */
public final class Options {

  private Options() {}

  /** The pairs of {@code argv} by name (without the dashes), each name one of {@code names}. */
  public static Map<String, String> parse(String[] argv, Set<String> names) {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i < argv.length; i += 2) {
      String name = argv[i].replaceFirst("^--", "");
      if (!argv[i].startsWith("--") || !names.contains(name)) {
        throw new IllegalArgumentException("unknown option " + argv[i]);
      }
      if (i + 1 == argv.length) {
        throw new IllegalArgumentException(argv[i] + " has no value");
      }
      args.put(name, argv[i + 1]);
    }
    return args;
  }

  /** The value of {@code --name}, which must be there and not blank. */
  public static String require(Map<String, String> args, String name) {
    String value = args.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
