package io.meshdesk.ai.knowledge;

import io.meshdesk.ai.retrieval.IndexedLabel;
import io.meshdesk.api.ticket.v1.SentimentLabel;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketUpdated;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a ticket's triage labels as agents left them. The category an agent sets is a tag {@value
 * #CATEGORY_TAG}{@code <name>} (the contract has no category field besides the AI's), which wins
 * over the AI's category; priority and team are the ticket's own fields.
 */
public final class TicketLabels {

  /** Prefix of the tag by which an agent sets or corrects a ticket's category. */
  public static final String CATEGORY_TAG = "category:";

  private TicketLabels() {}

  /** The labels of {@code t}, or empty when it has no category (neither the AI's nor a tag). */
  public static Optional<IndexedLabel> of(UUID tenant, Ticket t) {
    String category = t.getAiCategory();
    for (String tag : t.getTagsList()) {
      if (tag.startsWith(CATEGORY_TAG) && tag.length() > CATEGORY_TAG.length()) {
        category = tag.substring(CATEGORY_TAG.length());
      }
    }
    if (category.isBlank()) {
      return Optional.empty();
    }
    String priority =
        t.getPriority() == TicketPriority.TICKET_PRIORITY_UNSPECIFIED
            ? ""
            : suffix(t.getPriority().name(), "TICKET_PRIORITY_");
    String sentiment =
        t.getAiSentiment() == SentimentLabel.SENTIMENT_LABEL_UNSPECIFIED
            ? ""
            : suffix(t.getAiSentiment().name(), "SENTIMENT_LABEL_");
    return Optional.of(
        new IndexedLabel(
            tenant,
            t.getId(),
            t.getSubject() + "\n" + t.getBody(),
            category,
            priority,
            t.getTeamId(),
            sentiment));
  }

  private static String suffix(String name, String prefix) {
    return name.startsWith(prefix) ? name.substring(prefix.length()) : "";
  }

  /**
   * Whether an update corrects the AI's triage: the ticket has a suggestion and an agent changed
   * its priority or team, or its tags while one names a category.
   */
  public static boolean isCorrection(TicketUpdated u) {
    Ticket t = u.getTicket();
    if (t.getLatestSuggestionId().isEmpty()) {
      return false;
    }
    List<String> changed = u.getChangedFields().getPathsList();
    boolean categoryTag = t.getTagsList().stream().anyMatch(s -> s.startsWith(CATEGORY_TAG));
    return changed.contains("priority")
        || changed.contains("team_id")
        || (changed.contains("tags") && categoryTag);
  }
}
