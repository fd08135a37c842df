package io.meshdesk.cli.tickets;

import io.meshdesk.api.ticket.v1.TicketEvent;

/** One ticket event as one line of text: sequence, kind, ticket, and what changed. */
final class EventLine {

  private EventLine() {}

  static String of(TicketEvent e) {
    String what =
        switch (e.getPayloadCase()) {
          case TICKET_CREATED ->
              "#"
                  + e.getTicketCreated().getTicket().getNumber()
                  + " "
                  + e.getTicketCreated().getTicket().getSubject();
          case TICKET_UPDATED ->
              String.join(",", e.getTicketUpdated().getChangedFields().getPathsList());
          case TICKET_ASSIGNED ->
              "to "
                  + (e.getTicketAssigned().getAssigneeId().isEmpty()
                      ? "nobody"
                      : e.getTicketAssigned().getAssigneeId());
          case COMMENT_ADDED ->
              e.getCommentAdded()
                  .getComment()
                  .getVisibility()
                  .name()
                  .replace("COMMENT_VISIBILITY_", "")
                  .toLowerCase();
          case SLA_BREACHED ->
              e.getSlaBreached().getMetric().name().replace("SLA_METRIC_", "").toLowerCase();
          case AI_UNAVAILABLE ->
              e.getAiUnavailable()
                  .getReason()
                  .name()
                  .replace("AI_UNAVAILABLE_REASON_", "")
                  .toLowerCase();
          default -> "";
        };
    String kind = e.getPayloadCase().name().toLowerCase();
    return String.format("%8d  %-22s %-36s %s", e.getSequence(), kind, e.getTicketId(), what)
        .stripTrailing();
  }
}
