package io.meshdesk.ai.triage;

/**
 * A ticket of a tenant's history with the labels it ended with: what agents finally set, or what
 * they corrected the AI's suggestion to.
 *
 * @param id ticket id
 * @param text subject and body
 * @param vector the text's embedding
 * @param category final category
 * @param priority final priority
 * @param team final team
 * @param sentiment the sentiment it ended with; empty when unknown
 */
public record LabelledTicket(
    String id,
    String text,
    float[] vector,
    String category,
    String priority,
    String team,
    String sentiment) {

  /** A labelled ticket without a sentiment label. */
  public LabelledTicket(
      String id, String text, float[] vector, String category, String priority, String team) {
    this(id, text, vector, category, priority, team, "");
  }
}
