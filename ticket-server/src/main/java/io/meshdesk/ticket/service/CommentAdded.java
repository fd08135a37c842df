package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.TicketComment;
import io.meshdesk.ticket.domain.TicketRecord;

/**
 * A comment as stored and its ticket afterwards, in the caller's view.
 *
 * @param comment the new comment, or the earlier one a retried request id matched
 */
public record CommentAdded(TicketComment comment, TicketRecord ticket) {}
