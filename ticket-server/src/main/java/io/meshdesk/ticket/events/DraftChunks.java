package io.meshdesk.ticket.events;

import io.meshdesk.api.ticket.v1.SuggestionDraftChunk;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.persistence.RoutedEvent;
import io.meshdesk.ticket.service.DraftStream;
import io.meshdesk.ticket.wire.TicketWire;
import java.time.Clock;
import java.util.UUID;
import org.redisson.api.RTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DraftStream} on the events topic: each chunk is a staff-only event with sequence 0, so
 * streams pass it on without ordering or storing it.
 */
public final class DraftChunks implements DraftStream {

  private static final Logger log = LoggerFactory.getLogger(DraftChunks.class);

  private final RTopic eventsTopic;
  private final Clock clock;

  public DraftChunks(RTopic eventsTopic, Clock clock) {
    this.eventsTopic = eventsTopic;
    this.clock = clock;
  }

  @Override
  public boolean publish(
      UUID tenant, TicketRecord t, Actor actor, String jobId, int chunkIndex, String text) {
    TicketEvent e =
        TicketEvent.newBuilder()
            .setOccurredAt(ProtoTime.timestamp(clock.instant()))
            .setTicketId(t.id())
            .setActor(TicketWire.actor(actor))
            .setSuggestionDraftChunk(
                SuggestionDraftChunk.newBuilder()
                    .setJobId(jobId)
                    .setChunkIndex(chunkIndex)
                    .setText(text))
            .build();
    try {
      eventsTopic.publish(
          new RoutedEvent(
                  tenant,
                  0,
                  t.requesterId(),
                  t.assigneeId(),
                  t.assigneeId(),
                  t.teamId(),
                  t.teamId(),
                  true,
                  t.publicCommentCount(),
                  e)
              .toBytes());
      return true;
    } catch (RuntimeException ex) {
      log.debug("draft chunk not streamed: {}", ex.toString());
      return false;
    }
  }
}
