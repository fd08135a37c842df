package io.meshdesk.platform.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated access to configuration variables. Every setting of every service is read
 * through this class, so a bad value fails at start with the variable's name in the message.
 */
public final class Env {

  private final Map<String, String> values;

  public Env(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The process environment. */
  public static Env system() {
    return new Env(System.getenv());
  }

  /** A value, or empty when unset or blank. */
  public Optional<String> get(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** A string with a default. */
  public String string(String name, String defaultValue) {
    return get(name).orElse(defaultValue);
  }

  /** An integer within [min, max] with a default. */
  public int integer(String name, int defaultValue, int min, int max) {
    int v = get(name).map(s -> parseInt(name, s)).orElse(defaultValue);
    if (v < min || v > max) {
      throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  /** A TCP port (0 means pick a free one). */
  public int port(String name, int defaultValue) {
    return integer(name, defaultValue, 0, 65535);
  }

  /** A boolean: true/false/yes/no/1/0. */
  public boolean bool(String name, boolean defaultValue) {
    return get(name)
        .map(
            s ->
                switch (s.toLowerCase(Locale.ROOT)) {
                  case "true", "yes", "1", "on" -> true;
                  case "false", "no", "0", "off" -> false;
                  default ->
                      throw new ConfigException(name, "must be true or false, got '" + s + "'");
                })
        .orElse(defaultValue);
  }

  /**
   * A duration: ISO-8601 ({@code PT5S}) or a number with a unit ({@code 500ms}, {@code 5s}, {@code
   * 2m}, {@code 1h}).
   */
  public Duration duration(String name, Duration defaultValue) {
    return get(name).map(s -> parseDuration(name, s)).orElse(defaultValue);
  }

  /** Parses a duration in the same forms as {@link #duration}; throws IllegalArgumentException. */
  public static Duration parseDurationValue(String s) {
    return parseDuration("value", s);
  }

  static Duration parseDuration(String name, String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new ConfigException(
          name, "must be a duration like 500ms, 5s, 2m or PT5S, got '" + s + "'");
    }
  }

  private static int parseInt(String name, String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be an integer, got '" + s + "'");
    }
  }
}
