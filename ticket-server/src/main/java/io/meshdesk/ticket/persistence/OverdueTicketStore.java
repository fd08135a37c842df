package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.ticket.domain.SlaMetric;
import io.meshdesk.ticket.service.OverdueTickets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link OverdueTickets} in {@code ticket.tickets}, inside one tenant transaction: rows are claimed
 * with {@code for update skip locked}.
 */
public final class OverdueTicketStore implements OverdueTickets {

  // Statuses 1, 2, 3: new, open, pending (the first-response clock runs while pending; the
  // resolution clock stops).
  private static final String FIRST_RESPONSE_DUE =
      "status in (1, 2, 3) and first_responded_at is null and not first_response_breached"
          + " and first_response_due_at <= ?";
  private static final String RESOLUTION_DUE =
      "status in (1, 2) and not resolution_breached and resolution_due_at <= ?";

  private final TicketTx tx;

  public OverdueTicketStore(TicketTx tx) {
    this.tx = tx;
  }

  @Override
  public List<String> claim(SlaMetric metric, Instant now, int limit) {
    String condition = metric == SlaMetric.FIRST_RESPONSE ? FIRST_RESPONSE_DUE : RESOLUTION_DUE;
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "select id from ticket.tickets where "
                    + condition
                    + " order by id limit ? for update skip locked")) {
      Sql.setInstant(ps, 1, now);
      ps.setInt(2, limit);
      return ids(ps);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  private static List<String> ids(PreparedStatement ps) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class).toString());
      }
    }
    return ids;
  }
}
