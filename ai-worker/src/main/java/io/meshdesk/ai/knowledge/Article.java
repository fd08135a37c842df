package io.meshdesk.ai.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A knowledge-base article of one tenant.
 *
 * @param tenantId owning tenant
 * @param id article id
 * @param slug URL-safe name, unique within the tenant
 * @param title title
 * @param body Markdown body
 * @param tags lowercase labels
 * @param version optimistic-locking version, from 1
 * @param createdAt creation time
 * @param updatedAt time of the last change
 * @param createdBy who created it
 * @param updatedBy who changed it last
 */
public record Article(
    UUID tenantId,
    UUID id,
    String slug,
    String title,
    String body,
    List<String> tags,
    long version,
    Instant createdAt,
    Instant updatedAt,
    Author createdBy,
    Author updatedBy) {

  public Article {
    tags = List.copyOf(tags);
  }

  /**
   * Who wrote an article.
   *
   * @param service true for a service account, false for a user
   * @param id user or service-account id
   */
  public record Author(boolean service, String id) {}
}
