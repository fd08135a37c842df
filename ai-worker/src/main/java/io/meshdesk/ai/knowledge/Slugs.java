package io.meshdesk.ai.knowledge;

import java.text.Normalizer;
import java.util.Locale;

/** Derives URL-safe slugs ({@code ^[a-z0-9]+(-[a-z0-9]+)*$}) from titles. */
public final class Slugs {

  /** Longest slug the contract allows. */
  public static final int MAX_LENGTH = 120;

  private Slugs() {}

  /**
   * The slug of {@code title}: ASCII letters and digits joined by single dashes; "article" if none.
   */
  public static String of(String title) {
    String ascii =
        Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "");
    String slug =
        ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (slug.length() > MAX_LENGTH) {
      slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "article" : slug;
  }
}
