package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.TicketRecord;
import java.util.UUID;

/**
 * Streams AI draft chunks to agents as they are written: ephemeral events, never stored, that a
 * stream may miss.
 */
public interface DraftStream {

  /** Sends one chunk of a job's draft for {@code ticket}; false when it could not be sent. */
  boolean publish(
      UUID tenant, TicketRecord ticket, Actor actor, String jobId, int chunkIndex, String text);
}
