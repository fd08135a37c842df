package io.meshdesk.ticket.domain;

import java.util.List;
import java.util.Map;

/**
 * The queue counters an agent's console shows, as of one event sequence. "Open" counts every
 * unsolved ticket (new, open or pending).
 *
 * @param asOfSequence the tenant's latest committed event sequence when counted
 * @param unassigned open tickets nobody is assigned to
 * @param mine open tickets assigned to the caller
 * @param slaBreached open tickets with a breached first-response or resolution deadline
 * @param openByPriority open tickets per priority, every priority present
 * @param teams open and unassigned tickets per team, by team name
 * @param suggestions the tenant's AI suggestions and what agents did with them
 */
public record QueueCounts(
    long asOfSequence,
    long unassigned,
    long mine,
    long slaBreached,
    long newTickets,
    long pending,
    Map<Priority, Long> openByPriority,
    List<TeamCount> teams,
    SuggestionStats suggestions) {

  public QueueCounts {
    openByPriority = Map.copyOf(openByPriority);
    teams = List.copyOf(teams);
  }

  /** The open and unassigned tickets of one team. */
  public record TeamCount(String teamId, String teamName, long open, long unassigned) {}

  /** How many suggestions were made, and how many of them agents accepted, edited or discarded. */
  public record SuggestionStats(long suggested, long accepted, long edited, long discarded) {}
}
