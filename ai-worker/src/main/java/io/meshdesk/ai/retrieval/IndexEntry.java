package io.meshdesk.ai.retrieval;

import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import java.util.Objects;
import java.util.UUID;

/**
 * One document to index: a solved ticket or a knowledge-base article of a tenant.
 *
 * @param tenantId owning tenant
 * @param kind what it is
 * @param id ticket or article id, unique within the tenant and kind
 * @param title ticket subject or article title
 * @param text the customer's problem or the article body
 * @param resolution for solved tickets the reply that solved them; empty for articles
 */
public record IndexEntry(
    UUID tenantId, Kind kind, String id, String title, String text, String resolution) {

  public IndexEntry {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    resolution = resolution == null ? "" : resolution;
  }

  /** What the embedding is computed from: title and text. */
  String embeddedText() {
    return title + "\n" + text;
  }
}
