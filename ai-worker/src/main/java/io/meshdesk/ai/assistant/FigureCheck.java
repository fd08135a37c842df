package io.meshdesk.ai.assistant;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every number in a model's answer is one the ledger functions returned (or the user
 * wrote). Formats are normalised: thousands separators, a decimal comma, trailing zeros, a sign and
 * currency symbols do not matter, so "1,234.50 USD", "$1234.5" and "1.234,50" all match a result of
 * "1234.50 USD". Numbering at the start of a line ("1. ", "2) ") is not a figure.
 */
public final class FigureCheck {

  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,\\u202f\\u00a0']\\d+)*");
  private static final Pattern LIST_MARKER = Pattern.compile("(?m)^\\s*\\d{1,2}[.)]\\s");

  private FigureCheck() {}

  /**
   * The first number of {@code text} that no result and no trusted text contains, or empty when
   * every number is confirmed.
   *
   * @param trusted texts whose numbers may be repeated (the question, earlier answers)
   */
  public static Optional<String> unconfirmed(
      String text, Collection<FunctionResult> results, Collection<String> trusted) {
    Set<BigDecimal> known = new HashSet<>();
    for (FunctionResult r : results) {
      collect(r.data(), known);
    }
    trusted.forEach(t -> collect(t, known));
    Matcher m = NUMBER.matcher(LIST_MARKER.matcher(text).replaceAll(" "));
    while (m.find()) {
      if (readings(m.group()).stream().noneMatch(known::contains)) {
        return Optional.of(m.group());
      }
    }
    return Optional.empty();
  }

  private static void collect(Object value, Set<BigDecimal> into) {
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            collect(k, into);
            collect(v, into);
          });
    } else if (value instanceof Collection<?> list) {
      list.forEach(v -> collect(v, into));
    } else if (value != null) {
      Matcher m = NUMBER.matcher(value.toString());
      while (m.find()) {
        // results are written by our templates: the last separator is the decimal point
        into.add(readings(m.group()).iterator().next());
      }
    }
  }

  /**
   * The values a written number can mean, the decimal reading first: "1,234" is 1.234 or 1234,
   * "1.5" is 1.5 (or 15, which a reader would not take it for but is harmless to accept).
   */
  static Set<BigDecimal> readings(String token) {
    String t = token.replaceAll("[\\u202f\\u00a0']", "");
    Set<BigDecimal> out = new java.util.LinkedHashSet<>();
    int lastDot = t.lastIndexOf('.');
    int lastComma = t.lastIndexOf(',');
    if (lastDot < 0 && lastComma < 0) {
      out.add(value(t));
    } else {
      // the last separator as the decimal point, every other separator grouping digits
      int decimal = Math.max(lastDot, lastComma);
      String whole = t.substring(0, decimal).replaceAll("[.,]", "");
      out.add(value(whole + "." + t.substring(decimal + 1)));
      // or every separator grouping digits
      out.add(value(t.replaceAll("[.,]", "")));
    }
    out.remove(null);
    return out;
  }

  private static BigDecimal value(String plain) {
    try {
      BigDecimal d = new BigDecimal(plain).stripTrailingZeros();
      return d.scale() < 0 ? d.setScale(0) : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
