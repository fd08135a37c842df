package io.meshdesk.ai.quality;

/**
 * One ticket of the labelled evaluation dataset.
 *
 * @param id ticket id
 * @param tenant tenant name (each has its own vocabulary and history)
 * @param split {@code train} (the tenant's history) or {@code test} (held out)
 * @param subject subject
 * @param body customer's message
 * @param category gold category
 * @param priority gold priority
 * @param team gold team
 * @param problem the situation it describes; tickets with the same problem share a resolution
 * @param resolution the reply that solved it
 */
public record QualityTicket(
    String id,
    String tenant,
    String split,
    String subject,
    String body,
    String category,
    String priority,
    String team,
    String problem,
    String resolution) {

  /** Subject and body, as the models read them. */
  public String text() {
    return subject + "\n" + body;
  }

  /** Whether the ticket is held out for testing. */
  public boolean test() {
    return "test".equals(split);
  }
}
