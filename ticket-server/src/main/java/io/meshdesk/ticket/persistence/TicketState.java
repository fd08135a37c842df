package io.meshdesk.ticket.persistence;

import io.meshdesk.api.ticket.v1.Ticket;

/**
 * A ticket row being read or changed: the contract's view ({@code ticket}, staff perspective) plus
 * the columns the contract does not show.
 */
public final class TicketState {

  /** The staff view: comment_count counts every comment. */
  public final Ticket.Builder ticket;
  /** Remaining resolution time frozen while PENDING, or null. */
  public Long resolutionRemainingMs;
  /** Public comments only (the customer's comment_count). */
  public int publicCommentCount;

  public TicketState(Ticket.Builder ticket, Long resolutionRemainingMs, int publicCommentCount) {
    this.ticket = ticket;
    this.resolutionRemainingMs = resolutionRemainingMs;
    this.publicCommentCount = publicCommentCount;
  }

  /** The staff view. */
  public Ticket staffView() {
    return ticket.build();
  }

  /** The customer view: no AI fields, public comments only. */
  public Ticket customerView() {
    return customerView(ticket.build(), publicCommentCount);
  }

  /** Strips what customers may not see from a staff view. */
  public static Ticket customerView(Ticket staff, int publicCommentCount) {
    return staff.toBuilder()
        .clearAiStatus()
        .clearAiSummary()
        .clearAiCategory()
        .clearAiSentiment()
        .clearLatestSuggestionId()
        .setCommentCount(publicCommentCount)
        .build();
  }
}
