package io.meshdesk.ai.assistant;

import java.util.List;
import java.util.Locale;

/** Spending categories named from ISO-18245 merchant category codes. */
public final class MerchantCategories {

  /** Every category name, "other" last. */
  public static final List<String> ALL =
      List.of(
          "groceries",
          "dining",
          "travel",
          "transport",
          "fuel",
          "entertainment",
          "shopping",
          "utilities",
          "health",
          "other");

  private MerchantCategories() {}

  /** The category of a merchant category code; "other" when unknown or empty. */
  public static String of(String mcc) {
    if (mcc == null || !mcc.matches("[0-9]{4}")) {
      return "other";
    }
    int c = Integer.parseInt(mcc);
    if (c == 5411 || c == 5422 || c == 5441 || c == 5451 || c == 5499) {
      return "groceries";
    }
    if (c >= 5811 && c <= 5814) {
      return "dining";
    }
    if ((c >= 3000 && c <= 3999) || c == 4511 || c == 4722 || c == 7011 || c == 4411) {
      return "travel";
    }
    if ((c >= 4111 && c <= 4131) || c == 4121 || c == 4784 || c == 7523) {
      return "transport";
    }
    if (c == 5541 || c == 5542 || c == 5983) {
      return "fuel";
    }
    if ((c >= 5815 && c <= 5818) || c == 4899 || (c >= 7832 && c <= 7999)) {
      return "entertainment";
    }
    if (c == 4812 || c == 4814 || c == 4900) {
      return "utilities";
    }
    if ((c >= 8011 && c <= 8099) || c == 5912) {
      return "health";
    }
    if ((c >= 5200 && c <= 5399)
        || (c >= 5600 && c <= 5699)
        || (c >= 5700 && c <= 5799)
        || (c >= 5900 && c <= 5999)) {
      return "shopping";
    }
    return "other";
  }

  /** The known category named by {@code text} (case-insensitive), or null. */
  public static String named(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    return ALL.contains(t) ? t : null;
  }
}
