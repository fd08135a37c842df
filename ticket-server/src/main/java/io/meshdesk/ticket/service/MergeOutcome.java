package io.meshdesk.ticket.service;

import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.Ticket;

/**
 * What a merge left behind.
 *
 * @param duplicate the closed duplicate
 * @param target the surviving ticket
 * @param notification the public comment the requester got
 * @param replayed true when the request id matched an earlier merge and nothing changed
 */
public record MergeOutcome(
    Ticket duplicate, Ticket target, Comment notification, boolean replayed) {}
