package io.meshdesk.ai.worker;

import io.meshdesk.ai.drafting.Drafter;
import io.meshdesk.ai.drafting.DraftingException;
import io.meshdesk.ai.knowledge.KnowledgeBase;
import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.ai.v1.AiJobKind;
import io.meshdesk.api.ticket.v1.AiUnavailableReason;
import io.meshdesk.api.ticket.v1.GetTicketResponse;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableRequest;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.UnavailableException;
import java.time.Clock;
import java.util.UUID;

/**
 * Does one AI job: reads the ticket, drafts it ({@link TicketDrafting}: embeds it once, retrieves
 * the tenant's similar solved tickets and articles by words and meaning, drafts while streaming the
 * reply to agents, applies the triage learned from the tenant's labelled tickets), finds similar
 * solved tickets and likely duplicates, and attaches the suggestion. Idempotent: a job whose
 * suggestion is already attached is not drafted again, and the attach itself is idempotent on the
 * job id, so a job delivered twice yields one suggestion.
 */
public final class JobProcessor {

  /** How a job ended. */
  public enum Outcome {
    /** A suggestion was attached. */
    ATTACHED,
    /** The job's suggestion was already there (a redelivery). */
    ALREADY_DONE
  }

  private final TicketPort tickets;
  private final KnowledgeBase knowledge;
  private final TicketDrafting drafting;
  private final RelatedTickets related;

  /**
   * @param related finds similar solved tickets and likely duplicates for the suggestion
   */
  public JobProcessor(
      TicketPort tickets,
      KnowledgeBase knowledge,
      Drafter drafter,
      int retrievalLimit,
      Clock clock,
      RelatedTickets related) {
    this.tickets = tickets;
    this.knowledge = knowledge;
    this.drafting = new TicketDrafting(knowledge.index(), drafter, retrievalLimit, clock);
    this.related = related;
  }

  /**
   * Processes {@code job}.
   *
   * @throws io.meshdesk.platform.errors.NotFoundException when the ticket no longer exists
   * @throws InvalidArgumentException for a job that can never succeed
   * @throws UnavailableException (and other runtime exceptions) for failures worth retrying
   */
  public Outcome process(AiJob job) {
    if (job.getKind() != AiJobKind.AI_JOB_KIND_TRIAGE_AND_DRAFT) {
      throw new InvalidArgumentException("kind", "unsupported job kind " + job.getKind());
    }
    UUID tenant = UUID.fromString(job.getTenantId());
    UUID ticketId = UUID.fromString(job.getTicketId());
    GetTicketResponse current = tickets.getTicket(tenant, ticketId);
    if (current.hasLatestSuggestion()
        && current.getLatestSuggestion().getJobId().equals(job.getJobId())) {
      return Outcome.ALREADY_DONE;
    }
    knowledge.registerTenant(tenant);
    Ticket ticket = current.getTicket();
    DraftStreamer streamer = new DraftStreamer(tickets, tenant, job.getTicketId(), job.getJobId());
    TicketDrafting.Drafted drafted;
    try {
      drafted = drafting.draft(tenant, ticket, streamer);
    } catch (DraftingException e) {
      throw new UnavailableException("no drafter could draft: " + e.getMessage(), e);
    }
    RelatedTickets.Related around = related.of(tenant, ticket, drafted.vector());
    tickets.attach(
        tenant,
        SuggestionMapper.toRequest(
            job, ticket.getVersion(), drafted.draft(), drafted.took(), around));
    return Outcome.ATTACHED;
  }

  /** Tells agents no suggestion will come for {@code job}. */
  public void giveUp(AiJob job, AiUnavailableReason reason, String detail) {
    tickets.markUnavailable(
        UUID.fromString(job.getTenantId()),
        MarkAiUnavailableRequest.newBuilder()
            .setTicketId(job.getTicketId())
            .setJobId(job.getJobId())
            .setReason(reason)
            .setDetail(detail.length() <= 500 ? detail : detail.substring(0, 500))
            .build());
  }
}
