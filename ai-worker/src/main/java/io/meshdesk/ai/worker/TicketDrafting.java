package io.meshdesk.ai.worker;

import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.Drafter;
import io.meshdesk.ai.drafting.DraftingException;
import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.offline.OfflineDrafter;
import io.meshdesk.ai.retrieval.KnowledgeIndex;
import io.meshdesk.ai.triage.LearnedTriage;
import io.meshdesk.api.ticket.v1.Ticket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The drafting steps of one AI job, in this process: embeds the ticket once, retrieves the tenant's
 * similar solved tickets and articles (hybrid: words and meaning), drafts (streaming the reply),
 * and replaces the drafter's triage by the one learned from the tenant's labelled tickets when it
 * has enough of them ({@link LearnedTriage}). {@link JobProcessor} runs it for every job; {@code
 * meshctl bench ai} measures it. Thread-safe when the drafter is.
 */
public final class TicketDrafting {

  /**
   * A drafted ticket.
   *
   * @param draft the draft with its triage
   * @param vector the ticket's embedding (null for an index without vectors), for further lookups
   * @param took time spent drafting and triaging, retrieval excluded
   */
  public record Drafted(Draft draft, float[] vector, Duration took) {}

  private final KnowledgeIndex index;
  private final Drafter drafter;
  private final LearnedTriage triage;
  private final int retrievalLimit;
  private final Clock clock;

  /**
   * @param index the tenants' knowledge and labelled tickets
   * @param drafter drafts the reply
   * @param retrievalLimit documents given to the drafter as context
   * @param clock measures {@link Drafted#took()}
   */
  public TicketDrafting(KnowledgeIndex index, Drafter drafter, int retrievalLimit, Clock clock) {
    this.index = index;
    this.drafter = drafter;
    this.triage = new LearnedTriage(index);
    this.retrievalLimit = retrievalLimit;
    this.clock = clock;
  }

  /** The suggestion for {@code ticket} of {@code tenant}, its reply streamed to {@code onReply}. */
  public Drafted draft(UUID tenant, Ticket ticket, Consumer<String> onReply)
      throws DraftingException {
    String text = ticket.getSubject() + "\n" + ticket.getBody();
    float[] vector = index.embed(text);
    List<RetrievedDocument> context =
        index.search(tenant, text, vector, retrievalLimit + 1).stream()
            .filter(d -> !d.id().equals(ticket.getId()))
            .limit(retrievalLimit)
            .toList();
    DraftRequest request =
        new DraftRequest(
            tenant,
            UUID.fromString(ticket.getId()),
            ticket.getSubject(),
            ticket.getBody(),
            ticket.getTagsList(),
            "",
            context);
    Instant start = clock.instant();
    Draft draft = drafter.draft(request, onReply);
    draft = triage.apply(tenant, vector, draft, OfflineDrafter.NAME.equals(draft.drafter()));
    return new Drafted(draft, vector, Duration.between(start, clock.instant()));
  }
}
