package io.meshdesk.ai.retrieval;

import java.util.Objects;
import java.util.UUID;

/**
 * A ticket of a tenant with the triage labels it ended with (the values agents left or corrected
 * the AI's suggestion to), indexed as a vector for learned triage. Not searchable by words: it
 * never appears as retrieval context.
 *
 * @param tenantId owning tenant
 * @param ticketId the ticket
 * @param text subject and body
 * @param category final category
 * @param priority final priority (enum name, e.g. {@code HIGH})
 * @param team final team id, empty when none
 * @param sentiment the sentiment label it ended with (e.g. {@code NEGATIVE})
 */
public record IndexedLabel(
    UUID tenantId,
    String ticketId,
    String text,
    String category,
    String priority,
    String team,
    String sentiment) {

  public IndexedLabel {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(ticketId, "ticketId");
    text = text == null ? "" : text;
    category = category == null ? "" : category;
    priority = priority == null ? "" : priority;
    team = team == null ? "" : team;
    sentiment = sentiment == null ? "" : sentiment;
  }

  /** A labelled ticket found by vector search, with its cosine similarity to the query. */
  public record Hit(IndexedLabel label, double similarity) {}
}
