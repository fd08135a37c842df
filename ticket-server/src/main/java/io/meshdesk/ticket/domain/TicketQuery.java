package io.meshdesk.ticket.domain;

import java.util.List;

/**
 * A filtered, ordered page of tickets; filters combine with AND, empty ones match everything.
 *
 * @param assigneeId only this assignee's tickets ({@code ""}: any)
 * @param unassigned only tickets without an assignee
 * @param requesterId only this requester's tickets ({@code ""}: any)
 * @param tag only tickets with this tag ({@code ""}: any)
 * @param teamId only this team's tickets ({@code ""}: any)
 * @param text full-text search ({@code ""}: none)
 * @param pageSize rows per page (0: the default of 50)
 * @param pageToken where the previous page ended ({@code ""}: from the start)
 */
public record TicketQuery(
    List<Status> statuses,
    List<Priority> priorities,
    String assigneeId,
    boolean unassigned,
    String requesterId,
    String tag,
    String teamId,
    String text,
    Order order,
    int pageSize,
    String pageToken) {

  public TicketQuery {
    statuses = List.copyOf(statuses);
    priorities = List.copyOf(priorities);
  }

  /** The order of a list; each number is the stored token's and the wire's. */
  public enum Order {
    UPDATED_AT_DESC(1),
    CREATED_AT_DESC(2),
    CREATED_AT_ASC(3),
    PRIORITY_DESC(4),
    RESOLUTION_DUE_ASC(5);

    private final int number;

    Order(int number) {
      this.number = number;
    }

    /** The wire number (0 on the wire means {@link #UPDATED_AT_DESC}). */
    public int number() {
      return number;
    }

    /** The order with a wire number; 0 is the default order. */
    public static Order ofNumber(int number) {
      for (Order o : values()) {
        if (o.number == number) {
          return o;
        }
      }
      if (number == 0) {
        return UPDATED_AT_DESC;
      }
      throw new IllegalArgumentException("no ticket order " + number);
    }
  }

  /** This query without its page, the part a page token must not change. */
  public String filters() {
    return statuses
        + "|"
        + priorities
        + "|"
        + assigneeId
        + "|"
        + unassigned
        + "|"
        + requesterId
        + "|"
        + tag
        + "|"
        + teamId
        + "|"
        + text
        + "|"
        + order;
  }
}
