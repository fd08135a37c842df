package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.SlaTargets;
import io.meshdesk.ticket.domain.TicketMerges;
import java.time.Instant;
import java.util.UUID;

/** The ticket stores bound to one open transaction of {@link TicketUnits}. */
public interface TicketUnit {

  /** The tenant the transaction is scoped to. */
  UUID tenant();

  /** The transaction's time, at the database's microsecond precision. */
  Instant now();

  /** Ticket rows. */
  Tickets tickets();

  /** Comments. */
  Comments comments();

  /** The change history. */
  History history();

  /** Stored AI suggestions. */
  AiSuggestions suggestions();

  /** AI job states. */
  AiJobStates aiJobs();

  /** The outbox of events for agents' streams. */
  TicketEvents events();

  /** Merge links. */
  TicketMerges merges();

  /** Tickets whose SLA deadlines passed unmet. */
  OverdueTickets overdue();

  /** Whether the tenant has a team with this id. */
  boolean teamExists(String teamId);

  /** The tenant's SLA targets in force. */
  SlaTargets slaTargets();
}
