package io.meshdesk.platform.ledger;

import java.util.List;
import java.util.Locale;

/**
 * The spending categories cardholders see, named from ISO-18245 merchant category codes: the one
 * map behind the ledger's spending breakdown (and so the console) and the assistant's answers, so a
 * charge is in the same category wherever it is shown.
 */
public final class MerchantCategories {

  /** Category of a charge without a known merchant category code. */
  public static final String OTHER = "other";

  /** Every category name, in the order they are offered, {@link #OTHER} last. */
  public static final List<String> ALL =
      List.of(
          "groceries",
          "dining",
          "travel",
          "transport",
          "fuel",
          "shopping",
          "entertainment",
          "subscriptions",
          "utilities",
          "health",
          "cash",
          OTHER);

  private MerchantCategories() {}

  /** The category of {@code mcc}; {@link #OTHER} when empty, malformed or unlisted. */
  public static String of(String mcc) {
    if (mcc == null || !mcc.matches("[0-9]{4}")) {
      return OTHER;
    }
    int code = Integer.parseInt(mcc);
    if (code >= 3000 && code <= 3999) {
      return "travel"; // airlines, car rental and hotel chains have their own codes
    }
    return switch (code) {
      case 5411, 5422, 5441, 5451, 5462, 5499 -> "groceries";
      case 5811, 5812, 5813, 5814 -> "dining";
      case 4411, 4511, 4722, 7011, 7012, 7512 -> "travel";
      case 4111, 4112, 4121, 4131, 4784, 4789, 7523 -> "transport";
      case 5541, 5542, 5983 -> "fuel";
      case 4899, 5815, 5816, 5817, 5818, 5968 -> "subscriptions";
      case 7832, 7841, 7922, 7929, 7932, 7933, 7941, 7991, 7996, 7997, 7999 -> "entertainment";
      case 4812, 4814, 4900 -> "utilities";
      case 5122, 5912, 8011, 8021, 8031, 8041, 8042, 8043, 8049, 8050, 8062, 8071, 8099 -> "health";
      case 6010, 6011, 6051 -> "cash";
      default -> code >= 5200 && code <= 5999 ? "shopping" : OTHER;
    };
  }

  /** The category named by {@code text} (case and surrounding blanks ignored), or null. */
  public static String named(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    return ALL.contains(t) ? t : null;
  }
}
