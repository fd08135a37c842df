package io.meshdesk.ai.knowledge;

import java.util.List;

/**
 * The fields an update changes; null means "leave as is".
 *
 * @param title new title, or null
 * @param body new body, or null
 * @param tags new complete tag set, or null
 * @param slug new slug, or null
 */
public record ArticleChange(String title, String body, List<String> tags, String slug) {

  /** Whether nothing would change. */
  public boolean isEmpty() {
    return title == null && body == null && tags == null && slug == null;
  }
}
