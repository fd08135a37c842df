package io.meshdesk.ticket.service;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.AiStatus;
import io.meshdesk.ticket.domain.AiSuggestion;
import io.meshdesk.ticket.domain.AiUnavailableReason;
import io.meshdesk.ticket.domain.ChangeKind;
import io.meshdesk.ticket.domain.Lifecycle;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.SuggestionOutcome;
import io.meshdesk.ticket.domain.TicketChange;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.domain.TicketState;
import java.util.Optional;
import java.util.UUID;

/**
 * The AI worker's calls (attach once per job, draft chunks, unavailable) and agents' feedback on
 * stored suggestions.
 */
public final class SuggestionCommands {

  private final TicketUnits units;
  private final Actors actors;
  private final DraftStream drafts;

  public SuggestionCommands(TicketUnits units, Actors actors, DraftStream drafts) {
    this.units = units;
    this.actors = actors;
    this.drafts = drafts;
  }

  /**
   * Stores a suggestion once per job (a repeated job id returns the first one unchanged) and
   * streams SuggestionReady; FAILED_PRECONDITION on a closed ticket, whose job is finished all the
   * same so it is not enqueued again.
   *
   * @param proposal the worker's suggestion, without id or storage time
   */
  public SuggestionAttached attach(Principal p, AiSuggestion proposal) {
    Actor actor = actors.of(p);
    SuggestionAttached attached = units.write(p.requireTenant(), u -> attach(u, proposal, actor));
    if (attached == null) {
      throw new FailedPreconditionException(
          Lifecycle.TICKET_CLOSED, "the ticket is closed; closed is final");
    }
    return attached;
  }

  private static SuggestionAttached attach(TicketUnit unit, AiSuggestion proposal, Actor actor) {
    Optional<AiSuggestion> existing = unit.suggestions().byJob(proposal.jobId());
    if (existing.isPresent()) {
      return new SuggestionAttached(existing.get(), true);
    }
    TicketState s = lock(unit, proposal.ticketId());
    if (s.status == Status.CLOSED) {
      unit.aiJobs().done(proposal.jobId(), "ticket closed");
      return null; // closed is final: the ticket stays as it is
    }
    AiSuggestion sg = proposal.stored(UUID.randomUUID().toString(), unit.now());
    if (!unit.suggestions().add(sg)) {
      return new SuggestionAttached(unit.suggestions().byJob(sg.jobId()).orElseThrow(), true);
    }
    unit.aiJobs().done(sg.jobId(), "");
    s.aiStatus = AiStatus.READY;
    s.aiSummary = sg.summary();
    s.aiCategory = sg.category();
    s.aiSentiment = sg.sentiment();
    s.latestSuggestionId = sg.id();
    long v = s.nextVersion(unit.now());
    unit.tickets().update(s, null);
    unit.history().add(s.id, actor, ChangeKind.SUGGESTION, "", "", sg.id(), v);
    unit.events().append(s, s.assigneeId, s.teamId, actor, new TicketChange.SuggestionReady(sg));
    return new SuggestionAttached(sg, false);
  }

  /** Records a chunk (dropping duplicates) and streams it as an ephemeral event. */
  public boolean appendDraft(
      Principal p, String ticketId, String jobId, int chunkIndex, String text) {
    UUID tenant = p.requireTenant();
    Actor actor = actors.of(p);
    TicketRecord t =
        units.write(
            tenant,
            unit -> {
              TicketRecord found =
                  unit.tickets()
                      .find(ticketId)
                      .map(TicketState::record)
                      .orElseThrow(
                          () -> new NotFoundException("ticket " + ticketId + " not found"));
              return unit.aiJobs().recordChunk(jobId, chunkIndex) ? found : null;
            });
    return t != null && drafts.publish(tenant, t, actor, jobId, chunkIndex, text);
  }

  /**
   * Records that no suggestion will come; true when already recorded. A closed ticket is left
   * unchanged (no new version, history or event).
   */
  public boolean markUnavailable(
      Principal p, String ticketId, String jobId, AiUnavailableReason reason, String detail) {
    Actor actor = actors.of(p);
    return units.write(
        p.requireTenant(),
        unit -> {
          TicketState s = lock(unit, ticketId);
          if (!unit.aiJobs().unavailable(jobId, reason, detail)) {
            return true;
          }
          if (s.status == Status.CLOSED) {
            return false; // the job is finished; closed is final, so the ticket stays as it is
          }
          s.aiStatus = AiStatus.UNAVAILABLE;
          long v = s.nextVersion(unit.now());
          unit.tickets().update(s, null);
          unit.history().add(s.id, actor, ChangeKind.SUGGESTION, "ai_status", "", "unavailable", v);
          unit.events()
              .append(
                  s,
                  s.assigneeId,
                  s.teamId,
                  actor,
                  new TicketChange.AiUnavailable(jobId, reason, detail));
          return false;
        });
  }

  /** Records accept / edit / discard; returns the suggestion with the feedback. */
  public AiSuggestion feedback(
      Principal p, String suggestionId, SuggestionOutcome outcome, String finalText) {
    Actor actor = actors.of(p);
    return units.write(
        p.requireTenant(),
        unit -> {
          AiSuggestion sg =
              unit.suggestions()
                  .find(suggestionId)
                  .orElseThrow(
                      () -> new NotFoundException("suggestion " + suggestionId + " not found"));
          AiSuggestion updated =
              sg.withFeedback(new AiSuggestion.Feedback(outcome, finalText, actor, unit.now()));
          unit.suggestions().saveFeedback(updated);
          long version = unit.tickets().find(sg.ticketId()).map(s -> s.version).orElse(0L);
          unit.history()
              .add(
                  sg.ticketId(),
                  actor,
                  ChangeKind.SUGGESTION_FEEDBACK,
                  "feedback",
                  "",
                  "SUGGESTION_OUTCOME_" + outcome.name(),
                  version);
          return updated;
        });
  }

  private static TicketState lock(TicketUnit unit, String ticketId) {
    return unit.tickets()
        .lock(ticketId)
        .orElseThrow(() -> new NotFoundException("ticket " + ticketId + " not found"));
  }
}
