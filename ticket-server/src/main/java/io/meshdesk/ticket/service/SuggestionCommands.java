package io.meshdesk.ticket.service;

import io.meshdesk.api.ticket.v1.AppendSuggestionDraftRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionResponse;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableRequest;
import io.meshdesk.api.ticket.v1.RecordSuggestionFeedbackRequest;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.api.ticket.v1.SuggestionDraftChunk;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Lifecycle;
import io.meshdesk.ticket.events.EventWire;
import io.meshdesk.ticket.persistence.RoutedEvent;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.TicketTransactions;
import java.util.UUID;
import org.redisson.api.RTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The AI worker's calls (attach, draft chunks, unavailable) and agents' feedback. */
public final class SuggestionCommands {

  private static final Logger log = LoggerFactory.getLogger(SuggestionCommands.class);

  private final TicketTransactions writes;
  private final Actors actors;
  private final RTopic eventsTopic;

  public SuggestionCommands(TicketTransactions writes, Actors actors, RTopic eventsTopic) {
    this.writes = writes;
    this.actors = actors;
    this.eventsTopic = eventsTopic;
  }

  /**
   * Stores a suggestion once per job and streams SuggestionReady; FAILED_PRECONDITION on a closed
   * ticket (its job is finished all the same, so it is not enqueued again).
   */
  public AttachSuggestionResponse attach(Principal p, AttachSuggestionRequest r) {
    var actor = EventWire.actor(actors.of(p));
    AttachSuggestionResponse attached =
        writes.run(p.requireTenant(), tx -> Suggestions.attach(tx, r, actor));
    if (attached == null) {
      throw new FailedPreconditionException(
          Lifecycle.TICKET_CLOSED, "the ticket is closed; closed is final");
    }
    return attached;
  }

  /** Records a chunk (dropping duplicates) and streams it as an ephemeral event. */
  public boolean appendDraft(Principal p, AppendSuggestionDraftRequest r) {
    UUID tenant = p.requireTenant();
    var actor = EventWire.actor(actors.of(p));
    TicketState s =
        writes.run(
            tenant,
            tx -> {
              TicketState t =
                  TicketStore.find(tx.connection(), UUID.fromString(r.getTicketId()), false)
                      .orElseThrow(
                          () -> new NotFoundException("ticket " + r.getTicketId() + " not found"));
              return Suggestions.recordChunk(tx, r.getJobId(), r.getChunkIndex()) ? t : null;
            });
    if (s == null) {
      return false;
    }
    TicketEvent e =
        TicketEvent.newBuilder()
            .setOccurredAt(ProtoTime.timestamp(writes.clock().instant()))
            .setTicketId(r.getTicketId())
            .setActor(actor)
            .setSuggestionDraftChunk(
                SuggestionDraftChunk.newBuilder()
                    .setJobId(r.getJobId())
                    .setChunkIndex(r.getChunkIndex())
                    .setText(r.getText()))
            .build();
    var t = s.ticket;
    try {
      eventsTopic.publish(
          new RoutedEvent(
                  tenant,
                  0,
                  t.getRequesterId(),
                  t.getAssigneeId(),
                  t.getAssigneeId(),
                  t.getTeamId(),
                  t.getTeamId(),
                  true,
                  s.publicCommentCount,
                  e)
              .toBytes());
      return true;
    } catch (RuntimeException ex) {
      log.debug("draft chunk not streamed: {}", ex.toString());
      return false;
    }
  }

  /** Records that no suggestion will come; true when already recorded. */
  public boolean markUnavailable(Principal p, MarkAiUnavailableRequest r) {
    var actor = EventWire.actor(actors.of(p));
    return writes.run(p.requireTenant(), tx -> Suggestions.markUnavailable(tx, r, actor));
  }

  /** Records accept / edit / discard. */
  public Suggestion feedback(Principal p, RecordSuggestionFeedbackRequest r) {
    var actor = EventWire.actor(actors.of(p));
    return writes.run(
        p.requireTenant(),
        tx ->
            Suggestions.feedback(tx, r.getSuggestionId(), r.getOutcome(), r.getFinalText(), actor));
  }
}
