package io.meshdesk.ticket.persistence;

import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketOrder;
import io.meshdesk.platform.errors.InvalidArgumentException;
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
public final class TicketListStore {

  /** One page of results. */
  public record Page(List<TicketState> tickets, String nextPageToken) {}

  private static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

  private TicketListStore() {}

  /** Runs the list; {@code requesterOverride} (customers) restricts to one requester. */
  public static Page list(Connection c, ListTicketsRequest r, UUID requesterOverride)
      throws SQLException {
    TicketOrder order =
        r.getOrder() == TicketOrder.TICKET_ORDER_UNSPECIFIED
            ? TicketOrder.TICKET_ORDER_UPDATED_AT_DESC
            : r.getOrder();
    int size = r.getPage().getPageSize() == 0 ? 50 : r.getPage().getPageSize();
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(r.toBuilder().clearPage().build().toByteArray());
    crc.update(String.valueOf(requesterOverride).getBytes(StandardCharsets.UTF_8));
    String filterHash = Long.toHexString(crc.getValue());
    StringBuilder sql = new StringBuilder("select " + TicketStore.COLUMNS + ", ");
    sql.append(sortKey(order)).append(" as sort_a from ticket.tickets t where true");
    List<Object> args = new ArrayList<>();
    if (r.getStatusesCount() > 0) {
      sql.append(" and t.status = any(?)");
      args.add(c.createArrayOf("int4", r.getStatusesValueList().toArray()));
    }
    if (r.getPrioritiesCount() > 0) {
      sql.append(" and t.priority = any(?)");
      args.add(c.createArrayOf("int4", r.getPrioritiesValueList().toArray()));
    }
    if (!r.getAssigneeId().isEmpty()) {
      sql.append(" and t.assignee_id = ?");
      args.add(UUID.fromString(r.getAssigneeId()));
    }
    if (r.getUnassigned()) {
      sql.append(" and t.assignee_id is null");
    }
    UUID requester =
        requesterOverride != null
            ? requesterOverride
            : r.getRequesterId().isEmpty() ? null : UUID.fromString(r.getRequesterId());
    if (requester != null) {
      sql.append(" and t.requester_id = ?");
      args.add(requester);
    }
    if (!r.getTag().isEmpty()) {
      sql.append(" and t.tags @> array[?]::text[]");
      args.add(r.getTag());
    }
    if (!r.getTeamId().isEmpty()) {
      sql.append(" and t.team_id = ?");
      args.add(UUID.fromString(r.getTeamId()));
    }
    if (!r.getQuery().isBlank()) {
      sql.append(" and t.search @@ websearch_to_tsquery('english', ?)");
      args.add(r.getQuery());
    }
    if (!r.getPage().getPageToken().isEmpty()) {
      String[] k = decode(r.getPage().getPageToken(), order, filterHash);
      sql.append(" and ").append(after(order));
      if (order == TicketOrder.TICKET_ORDER_PRIORITY_DESC) {
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
    List<TicketState> rows = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TicketState s = TicketStore.map(rs);
          rows.add(s);
          Ticket t = s.ticket.build();
          Instant a =
              order == TicketOrder.TICKET_ORDER_RESOLUTION_DUE_ASC
                  ? (t.hasResolutionDueAt() ? Sql.instant(t.getResolutionDueAt()) : NO_DEADLINE)
                  : order == TicketOrder.TICKET_ORDER_UPDATED_AT_DESC
                      ? Sql.instant(t.getUpdatedAt())
                      : Sql.instant(t.getCreatedAt());
          tokens.add(encode(order, filterHash, t.getPriorityValue(), a, t.getId()));
        }
      }
    }
    if (rows.size() > size) {
      return new Page(rows.subList(0, size), tokens.get(size - 1));
    }
    return new Page(rows, "");
  }

  private static String sortKey(TicketOrder order) {
    return order == TicketOrder.TICKET_ORDER_RESOLUTION_DUE_ASC
        ? "coalesce(t.resolution_due_at, '9999-12-31Z'::timestamptz)"
        : "t.updated_at";
  }

  private static String orderBy(TicketOrder o) {
    return switch (o) {
      case TICKET_ORDER_CREATED_AT_DESC -> "t.created_at desc, t.id desc";
      case TICKET_ORDER_CREATED_AT_ASC -> "t.created_at, t.id";
      case TICKET_ORDER_PRIORITY_DESC -> "t.priority desc, t.created_at, t.id";
      case TICKET_ORDER_RESOLUTION_DUE_ASC ->
          "coalesce(t.resolution_due_at, '9999-12-31Z'::timestamptz), t.id";
      default -> "t.updated_at desc, t.id desc";
    };
  }

  private static String after(TicketOrder o) {
    return switch (o) {
      case TICKET_ORDER_CREATED_AT_DESC -> "(t.created_at, t.id) < (?, ?)";
      case TICKET_ORDER_CREATED_AT_ASC -> "(t.created_at, t.id) > (?, ?)";
      case TICKET_ORDER_PRIORITY_DESC ->
          "(t.priority < ? or (t.priority = ? and (t.created_at, t.id) > (?, ?)))";
      case TICKET_ORDER_RESOLUTION_DUE_ASC ->
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
      TicketOrder order, String filterHash, int priority, Instant key, String id) {
    long micros = key.getEpochSecond() * 1_000_000 + key.getNano() / 1000;
    String raw =
        "1|" + order.getNumber() + "|" + filterHash + "|" + priority + "|" + micros + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns {priority, micros, id}; fails with INVALID_ARGUMENT on a foreign or mangled token. */
  private static String[] decode(String token, TicketOrder order, String filterHash) {
    try {
      String[] p =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
      if (p.length != 6
          || !p[0].equals("1")
          || !p[1].equals(Integer.toString(order.getNumber()))
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
