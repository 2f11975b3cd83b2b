package org.kdcmail.gateway.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The value syntaxes of the configuration file. Each parser throws {@link IllegalArgumentException}
 * with a message that completes "'VALUE' ...", saying what is expected.
 */
final class ConfigValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[^]]+]|[^:\\[\\]]+)(?::(\\d+))?");

  private ConfigValues() {}

  /** A TCP port to listen on: 0 (any free port) to 65535. */
  static int listenPort(String text) {
    return intIn(text, 0, 65535, "a port: use 0..65535 (0: any free port)");
  }

  /** A TCP port to connect to: 1 to 65535. */
  static int port(String text) {
    return intIn(text, 1, 65535, "a port: use 1..65535");
  }

  /** A whole number of at least 1. */
  static int positiveInt(String text) {
    return intIn(text, 1, Integer.MAX_VALUE, "a positive whole number");
  }

  /** {@code true} or {@code false}. */
  static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("is not true or false");
    };
  }

  /** Text that is not empty. */
  static String text(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    return text;
  }

  /**
   * A positive duration: {@code 90s}, {@code 15m}, {@code 2h}, {@code 500ms}, {@code 1d} or ISO.
   */
  static Duration duration(String text) {
    Duration d = parseDuration(text);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("is not a positive duration");
    }
    return d;
  }

  /** A size in bytes: a number of bytes or {@code 64KiB}, {@code 50MiB}, {@code 1GiB}. */
  static long bytes(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "is not a size: write a number of bytes or e.g. 64KiB, 50MiB, 1GiB");
    }
    int shift =
        switch (m.group(2) == null ? "B" : m.group(2)) {
          case "KiB" -> 10;
          case "MiB" -> 20;
          case "GiB" -> 30;
          default -> 0;
        };
    try {
      long n = Long.parseLong(m.group(1));
      if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
        throw new IllegalArgumentException("is not a positive size");
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is too large a size");
    }
  }

  /** A size that fits an {@code int} (e.g. a line length or a memory threshold). */
  static int intBytes(String text) {
    long n = bytes(text);
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("is too large: at most 2GiB - 1 bytes");
    }
    return (int) n;
  }

  /** An address to listen on: an IP address or a name of this machine. */
  static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text(text));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("is not an address of this machine");
    }
  }

  /** {@code host:port} (IPv6 in brackets); the port defaults to {@code defaultPort}. */
  static InetSocketAddress hostPort(String text, int defaultPort) {
    Matcher m = HOST_PORT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("is not host:port (IPv6 as [::1]:7750)");
    }
    String host = m.group(1).replace("[", "").replace("]", "");
    int port = m.group(2) == null ? defaultPort : port(m.group(2));
    return new InetSocketAddress(host, port);
  }

  /** One of {@code type}'s constants, written in lower case. */
  static <E extends Enum<E>> E choice(String text, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "is not one of "
            + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
  }

  private static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "is not a duration: write e.g. 500ms, 90s, 15m, 2h, 1d or PT15M");
    }
  }

  private static int intIn(String text, int min, int max, String what) {
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("is not " + what);
  }
}
