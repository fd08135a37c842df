package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketQuery;
import io.meshdesk.ticket.domain.TicketQuery.Order;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.service.Tickets.Page;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Ticket lists inside one tenant transaction: filters combined with AND, full-text search on the
 * GIN-indexed tsvector, and keyset pagination (see {@link TicketListCursor} for the tokens).
 */
final class TicketListStore {

  private static final int DEFAULT_PAGE_SIZE = 50;
  private static final String NO_DEADLINE_SQL = "'9999-12-31Z'::timestamptz";

  private final TicketTx tx;

  TicketListStore(TicketTx tx) {
    this.tx = tx;
  }

  /** A statement being built: SQL text and its positional arguments. */
  private static final class Select {
    final StringBuilder sql = new StringBuilder();
    final List<Object> args = new ArrayList<>();

    void and(String clause, Object... values) {
      sql.append(" and ").append(clause);
      args.addAll(List.of(values));
    }
  }

  /** Runs the list; {@code requesterOverride} (customers) restricts it to one requester. */
  Page list(TicketQuery query, UUID requesterOverride) {
    TicketListCursor cursor = new TicketListCursor(query, requesterOverride);
    int size = query.pageSize() == 0 ? DEFAULT_PAGE_SIZE : query.pageSize();
    try {
      Select select = select(query.order());
      filter(select, query, requesterOverride);
      if (!query.pageToken().isEmpty()) {
        continueAfter(select, query.order(), cursor.read(query.pageToken()));
      }
      select.sql.append(" order by ").append(orderBy(query.order())).append(" limit ?");
      select.args.add(size + 1);
      return page(run(select), size, cursor);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  private static Select select(Order order) {
    Select select = new Select();
    select.sql.append("select ").append(TicketStore.COLUMNS).append(", ");
    select.sql.append(sortKey(order)).append(" as sort_a from ticket.tickets t where true");
    return select;
  }

  /** The query's filters, each one an AND. */
  private void filter(Select s, TicketQuery q, UUID requesterOverride) throws SQLException {
    if (!q.statuses().isEmpty()) {
      s.and("t.status = any(?)", intArray(q.statuses().stream().map(Status::number).toArray()));
    }
    if (!q.priorities().isEmpty()) {
      s.and(
          "t.priority = any(?)", intArray(q.priorities().stream().map(Priority::number).toArray()));
    }
    if (!q.assigneeId().isEmpty()) {
      s.and("t.assignee_id = ?", UUID.fromString(q.assigneeId()));
    }
    if (q.unassigned()) {
      s.and("t.assignee_id is null");
    }
    UUID requester = requester(q, requesterOverride);
    if (requester != null) {
      s.and("t.requester_id = ?", requester);
    }
    if (!q.tag().isEmpty()) {
      s.and("t.tags @> array[?]::text[]", q.tag());
    }
    if (!q.teamId().isEmpty()) {
      s.and("t.team_id = ?", UUID.fromString(q.teamId()));
    }
    if (!q.text().isBlank()) {
      s.and("t.search @@ websearch_to_tsquery('english', ?)", q.text());
    }
  }

  private static UUID requester(TicketQuery q, UUID override) {
    if (override != null) {
      return override;
    }
    return q.requesterId().isEmpty() ? null : UUID.fromString(q.requesterId());
  }

  private java.sql.Array intArray(Object[] numbers) throws SQLException {
    return tx.connection().createArrayOf("int4", numbers);
  }

  /** The keyset condition: only rows that sort after where the previous page ended. */
  private static void continueAfter(Select s, Order order, TicketListCursor.Position p) {
    OffsetDateTime key = OffsetDateTime.ofInstant(p.key(), ZoneOffset.UTC);
    switch (order) {
      case CREATED_AT_DESC -> s.and("(t.created_at, t.id) < (?, ?)", key, p.id());
      case CREATED_AT_ASC -> s.and("(t.created_at, t.id) > (?, ?)", key, p.id());
      case PRIORITY_DESC ->
          s.and(
              "(t.priority < ? or (t.priority = ? and (t.created_at, t.id) > (?, ?)))",
              p.priority(),
              p.priority(),
              key,
              p.id());
      case RESOLUTION_DUE_ASC ->
          s.and(
              "(coalesce(t.resolution_due_at, " + NO_DEADLINE_SQL + "), t.id) > (?, ?)",
              key,
              p.id());
      default -> s.and("(t.updated_at, t.id) < (?, ?)", key, p.id());
    }
  }

  private static String sortKey(Order order) {
    return order == Order.RESOLUTION_DUE_ASC
        ? "coalesce(t.resolution_due_at, " + NO_DEADLINE_SQL + ")"
        : "t.updated_at";
  }

  private static String orderBy(Order o) {
    return switch (o) {
      case CREATED_AT_DESC -> "t.created_at desc, t.id desc";
      case CREATED_AT_ASC -> "t.created_at, t.id";
      case PRIORITY_DESC -> "t.priority desc, t.created_at, t.id";
      case RESOLUTION_DUE_ASC -> "coalesce(t.resolution_due_at, " + NO_DEADLINE_SQL + "), t.id";
      default -> "t.updated_at desc, t.id desc";
    };
  }

  private List<TicketRecord> run(Select select) throws SQLException {
    List<TicketRecord> rows = new ArrayList<>();
    try (PreparedStatement ps = tx.connection().prepareStatement(select.sql.toString())) {
      for (int i = 0; i < select.args.size(); i++) {
        ps.setObject(i + 1, select.args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(TicketStore.map(rs));
        }
      }
    }
    return rows;
  }

  /** The first {@code size} rows; one more row read means there is a next page. */
  private static Page page(List<TicketRecord> rows, int size, TicketListCursor cursor) {
    if (rows.size() > size) {
      return new Page(rows.subList(0, size), cursor.after(rows.get(size - 1)));
    }
    return new Page(rows, "");
  }
}
