package io.meshdesk.cli.common;

import com.google.protobuf.Timestamp;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.identity.v1.Role;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/** Turns proto values into the short words meshctl prints. */
public final class Formats {

  private Formats() {}

  /** Timestamp as an instant (epoch for unset). */
  public static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** Timestamp as ISO-8601 to the second, or "-" when unset. */
  public static String time(boolean present, Timestamp t) {
    return present ? Instant.ofEpochSecond(t.getSeconds()).toString() : "-";
  }

  /** {@code ROLE_PLATFORM_ADMIN} -> {@code platform_admin}. */
  public static String role(Role r) {
    return enumWord(r.name(), "ROLE_");
  }

  /** An enum constant without its prefix, lowercase; "-" for unspecified. */
  public static String enumWord(String name, String prefix) {
    String s = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    return s.equals("UNSPECIFIED") || s.equals("UNRECOGNIZED") ? "-" : s.toLowerCase(Locale.ROOT);
  }

  /** A list joined with commas, or "-" when empty. */
  public static String list(List<String> items) {
    return items.isEmpty() ? "-" : String.join(",", items);
  }

  /** Text or "-" when empty. */
  public static String text(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  /** Who did something: display name, else id. */
  public static String actor(Actor a) {
    return !a.getDisplayName().isEmpty() ? a.getDisplayName() : text(a.getId());
  }

  /** Minor units as a decimal amount with its currency, e.g. {@code 12.50 USD}. */
  public static String money(Money m) {
    int digits;
    try {
      digits = Math.max(Currency.getInstance(m.getCurrency()).getDefaultFractionDigits(), 0);
    } catch (IllegalArgumentException e) {
      digits = 2;
    }
    return BigDecimal.valueOf(m.getAmountMinor(), digits).toPlainString() + " " + m.getCurrency();
  }
}
