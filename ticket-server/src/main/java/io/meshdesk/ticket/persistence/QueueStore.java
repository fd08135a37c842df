package io.meshdesk.ticket.persistence;

import io.meshdesk.api.ticket.v1.SuggestionOutcome;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.QueueCounts;
import io.meshdesk.ticket.domain.Queues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queue counters in one tenant read transaction: a scan of the tenant's tickets, one of its teams
 * and one of its suggestions, with the latest event sequence they are consistent with.
 */
public final class QueueStore implements Queues {

  private final Transactions tx;

  public QueueStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public QueueCounts counts(UUID tenant, UUID caller) {
    return tx.inTenant(
        tenant,
        c -> {
          long sequence = CounterStore.latestSequence(c);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select count(*) filter (where status in (1,2,3) and assignee_id is null),"
                      + " count(*) filter (where status in (1,2,3) and assignee_id = ?),"
                      + " count(*) filter (where status in (1,2,3) and (first_response_breached or resolution_breached)),"
                      + " count(*) filter (where status = 1), count(*) filter (where status = 3),"
                      + " count(*) filter (where status in (1,2,3) and priority = 1), count(*) filter (where status in (1,2,3) and priority = 2),"
                      + " count(*) filter (where status in (1,2,3) and priority = 3), count(*) filter (where status in (1,2,3) and priority = 4)"
                      + " from ticket.tickets")) {
            ps.setObject(1, caller);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
              for (int i = 1; i <= 4; i++) {
                byPriority.put(Priority.ofNumber(i), rs.getLong(5 + i));
              }
              return new QueueCounts(
                  sequence,
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  byPriority,
                  teams(c),
                  suggestions(c));
            }
          }
        });
  }

  private static List<QueueCounts.TeamCount> teams(Connection c) throws SQLException {
    List<QueueCounts.TeamCount> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "select tm.id, tm.name, count(t.id) filter (where t.status in (1,2,3)),"
                    + " count(t.id) filter (where t.status in (1,2,3) and t.assignee_id is null)"
                    + " from ticket.teams tm left join ticket.tickets t on t.team_id = tm.id group by tm.id, tm.name order by tm.name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new QueueCounts.TeamCount(
                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
      }
    }
    return out;
  }

  /** Suggestions of the tenant and their latest feedback outcomes, in one scan. */
  private static QueueCounts.SuggestionStats suggestions(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select count(*), count(*) filter (where outcome = ?), count(*) filter (where outcome = ?),"
                + " count(*) filter (where outcome = ?) from ticket.suggestions")) {
      ps.setInt(1, SuggestionOutcome.SUGGESTION_OUTCOME_ACCEPTED_VALUE);
      ps.setInt(2, SuggestionOutcome.SUGGESTION_OUTCOME_EDITED_VALUE);
      ps.setInt(3, SuggestionOutcome.SUGGESTION_OUTCOME_DISCARDED_VALUE);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new QueueCounts.SuggestionStats(
            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
      }
    }
  }
}
