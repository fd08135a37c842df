package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketQuery;
import io.meshdesk.ticket.domain.TicketQuery.Order;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.service.Tickets.Page;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Ticket lists: filters combined with AND, full-text search on the GIN-indexed tsvector, and keyset
 * pagination whose opaque token holds the sort key of the last row and a hash of the filters.
 */
final class TicketListStore {

  private static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

  private TicketListStore() {}

  /** Runs the list; {@code requesterOverride} (customers) restricts to one requester. */
  static Page list(Connection c, TicketQuery r, UUID requesterOverride) throws SQLException {
    Order order = r.order();
    int size = r.pageSize() == 0 ? 50 : r.pageSize();
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(r.filters().getBytes(StandardCharsets.UTF_8));
    crc.update(String.valueOf(requesterOverride).getBytes(StandardCharsets.UTF_8));
    String filterHash = Long.toHexString(crc.getValue());
    StringBuilder sql = new StringBuilder("select " + TicketStore.COLUMNS + ", ");
    sql.append(sortKey(order)).append(" as sort_a from ticket.tickets t where true");
    List<Object> args = new ArrayList<>();
    if (!r.statuses().isEmpty()) {
      sql.append(" and t.status = any(?)");
      args.add(c.createArrayOf("int4", r.statuses().stream().map(Status::number).toArray()));
    }
    if (!r.priorities().isEmpty()) {
      sql.append(" and t.priority = any(?)");
      args.add(c.createArrayOf("int4", r.priorities().stream().map(Priority::number).toArray()));
    }
    if (!r.assigneeId().isEmpty()) {
      sql.append(" and t.assignee_id = ?");
      args.add(UUID.fromString(r.assigneeId()));
    }
    if (r.unassigned()) {
      sql.append(" and t.assignee_id is null");
    }
    UUID requester =
        requesterOverride != null
            ? requesterOverride
            : r.requesterId().isEmpty() ? null : UUID.fromString(r.requesterId());
    if (requester != null) {
      sql.append(" and t.requester_id = ?");
      args.add(requester);
    }
    if (!r.tag().isEmpty()) {
      sql.append(" and t.tags @> array[?]::text[]");
      args.add(r.tag());
    }
    if (!r.teamId().isEmpty()) {
      sql.append(" and t.team_id = ?");
      args.add(UUID.fromString(r.teamId()));
    }
    if (!r.text().isBlank()) {
      sql.append(" and t.search @@ websearch_to_tsquery('english', ?)");
      args.add(r.text());
    }
    if (!r.pageToken().isEmpty()) {
      String[] k = decode(r.pageToken(), order, filterHash);
      sql.append(" and ").append(after(order));
      if (order == Order.PRIORITY_DESC) {
        int prio = Integer.parseInt(k[0]);
        args.add(prio);
        args.add(prio);
        args.add(time(k[1]));
      } else {
        args.add(time(k[1]));
      }
      args.add(UUID.fromString(k[2]));
    }
    sql.append(" order by ").append(orderBy(order)).append(" limit ?");
    args.add(size + 1);
    List<TicketRecord> rows = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TicketRecord t = TicketStore.map(rs);
          rows.add(t);
          Instant a =
              order == Order.RESOLUTION_DUE_ASC
                  ? (t.resolutionDueAt() != null ? t.resolutionDueAt() : NO_DEADLINE)
                  : order == Order.UPDATED_AT_DESC ? t.updatedAt() : t.createdAt();
          tokens.add(encode(order, filterHash, t.priority().number(), a, t.id()));
        }
      }
    }
    if (rows.size() > size) {
      return new Page(rows.subList(0, size), tokens.get(size - 1));
    }
    return new Page(rows, "");
  }

  private static String sortKey(Order order) {
    return order == Order.RESOLUTION_DUE_ASC
        ? "coalesce(t.resolution_due_at, '9999-12-31Z'::timestamptz)"
        : "t.updated_at";
  }

  private static String orderBy(Order o) {
    return switch (o) {
      case CREATED_AT_DESC -> "t.created_at desc, t.id desc";
      case CREATED_AT_ASC -> "t.created_at, t.id";
      case PRIORITY_DESC -> "t.priority desc, t.created_at, t.id";
      case RESOLUTION_DUE_ASC -> "coalesce(t.resolution_due_at, '9999-12-31Z'::timestamptz), t.id";
      default -> "t.updated_at desc, t.id desc";
    };
  }

  private static String after(Order o) {
    return switch (o) {
      case CREATED_AT_DESC -> "(t.created_at, t.id) < (?, ?)";
      case CREATED_AT_ASC -> "(t.created_at, t.id) > (?, ?)";
      case PRIORITY_DESC ->
          "(t.priority < ? or (t.priority = ? and (t.created_at, t.id) > (?, ?)))";
      case RESOLUTION_DUE_ASC ->
          "(coalesce(t.resolution_due_at, '9999-12-31Z'::timestamptz), t.id) > (?, ?)";
      default -> "(t.updated_at, t.id) < (?, ?)";
    };
  }

  private static OffsetDateTime time(String micros) {
    long m = Long.parseLong(micros);
    return OffsetDateTime.ofInstant(
        Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000), Math.floorMod(m, 1_000_000) * 1000L),
        ZoneOffset.UTC);
  }

  private static String encode(
      Order order, String filterHash, int priority, Instant key, String id) {
    long micros = key.getEpochSecond() * 1_000_000 + key.getNano() / 1000;
    String raw =
        "1|" + order.number() + "|" + filterHash + "|" + priority + "|" + micros + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns {priority, micros, id}; fails with INVALID_ARGUMENT on a foreign or mangled token. */
  private static String[] decode(String token, Order order, String filterHash) {
    try {
      String[] p =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
      if (p.length != 6
          || !p[0].equals("1")
          || !p[1].equals(Integer.toString(order.number()))
          || !p[2].equals(filterHash)) {
        throw new IllegalArgumentException("mismatch");
      }
      UUID.fromString(p[5]);
      Long.parseLong(p[4]);
      Integer.parseInt(p[3]);
      return new String[] {p[3], p[4], p[5]};
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(
          "page.page_token", "not a token of this query (filters and order must not change)");
    }
  }
}
