package io.meshdesk.ticket.service;

import io.meshdesk.api.common.v1.PageResponse;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.GetQueueCountsResponse;
import io.meshdesk.api.ticket.v1.GetTicketHistoryRequest;
import io.meshdesk.api.ticket.v1.GetTicketHistoryResponse;
import io.meshdesk.api.ticket.v1.GetTicketResponse;
import io.meshdesk.api.ticket.v1.ListCommentsRequest;
import io.meshdesk.api.ticket.v1.ListCommentsResponse;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsResponse;
import io.meshdesk.api.ticket.v1.PriorityCount;
import io.meshdesk.api.ticket.v1.TeamCount;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.ticket.domain.Visibility;
import io.meshdesk.ticket.persistence.CommentStore;
import io.meshdesk.ticket.persistence.CounterStore;
import io.meshdesk.ticket.persistence.HistoryStore;
import io.meshdesk.ticket.persistence.TicketListStore;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Reads: tickets, lists, comments, history and queue counters, as the caller may see them. */
public final class TicketReads {

  private final Transactions tx;

  public TicketReads(Transactions tx) {
    this.tx = tx;
  }

  /** One ticket; customers get NOT_FOUND for tickets they did not request. */
  public GetTicketResponse get(Principal p, String ticketId) {
    boolean staff = Visibility.staff(p);
    return tx.inTenant(
        p.requireTenant(),
        c -> {
          TicketState s = visible(c, p, ticketId);
          GetTicketResponse.Builder b =
              GetTicketResponse.newBuilder().setTicket(staff ? s.staffView() : s.customerView());
          if (staff && !s.ticket.getLatestSuggestionId().isEmpty()) {
            Suggestions.find(c, UUID.fromString(s.ticket.getLatestSuggestionId()))
                .ifPresent(b::setLatestSuggestion);
          }
          return b.build();
        });
  }

  /** Filtered, paged list; customers see only their own tickets. */
  public ListTicketsResponse list(Principal p, ListTicketsRequest r) {
    boolean staff = Visibility.staff(p);
    return tx.inTenant(
        p.requireTenant(),
        c -> {
          TicketListStore.Page page = TicketListStore.list(c, r, staff ? null : p.subject());
          ListTicketsResponse.Builder b = ListTicketsResponse.newBuilder();
          for (TicketState s : page.tickets()) {
            b.addTickets(staff ? s.staffView() : s.customerView());
          }
          return b.setPage(PageResponse.newBuilder().setNextPageToken(page.nextPageToken()))
              .build();
        });
  }

  /** Comments, oldest first; customers see public ones of their own tickets. */
  public ListCommentsResponse comments(Principal p, ListCommentsRequest r) {
    boolean staff = Visibility.staff(p);
    int size = r.getPage().getPageSize() == 0 ? 50 : r.getPage().getPageSize();
    long after = position(r.getPage().getPageToken());
    int visibility =
        staff ? r.getVisibilityValue() : CommentVisibility.COMMENT_VISIBILITY_PUBLIC_VALUE;
    if (r.getVisibility() == CommentVisibility.COMMENT_VISIBILITY_INTERNAL) {
      Visibility.requireMayReadInternal(p);
    }
    return tx.inTenant(
        p.requireTenant(),
        c -> {
          visible(c, p, r.getTicketId());
          var rows =
              CommentStore.list(c, UUID.fromString(r.getTicketId()), visibility, after, size + 1);
          ListCommentsResponse.Builder b = ListCommentsResponse.newBuilder();
          rows.stream().limit(size).forEach(x -> b.addComments(x.value()));
          String next = rows.size() > size ? Long.toString(rows.get(size - 1).position()) : "";
          return b.setPage(PageResponse.newBuilder().setNextPageToken(next)).build();
        });
  }

  /** History, oldest first; staff only. */
  public GetTicketHistoryResponse history(Principal p, GetTicketHistoryRequest r) {
    Visibility.requireMayReadHistory(p);
    int size = r.getPage().getPageSize() == 0 ? 50 : r.getPage().getPageSize();
    long after = position(r.getPage().getPageToken());
    return tx.inTenant(
        p.requireTenant(),
        c -> {
          visible(c, p, r.getTicketId());
          var rows = HistoryStore.list(c, UUID.fromString(r.getTicketId()), after, size + 1);
          GetTicketHistoryResponse.Builder b = GetTicketHistoryResponse.newBuilder();
          rows.stream().limit(size).forEach(x -> b.addEntries(x.value()));
          String next = rows.size() > size ? Long.toString(rows.get(size - 1).position()) : "";
          return b.setPage(PageResponse.newBuilder().setNextPageToken(next)).build();
        });
  }

  /** Queue counters for the caller, with the tenant's AI suggestion outcomes. */
  public GetQueueCountsResponse counts(Principal p) {
    return tx.inTenant(
        p.requireTenant(),
        c -> {
          GetQueueCountsResponse.Builder b =
              GetQueueCountsResponse.newBuilder().setAsOfSequence(CounterStore.latestSequence(c));
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select count(*) filter (where status in (1,2,3) and assignee_id is null),"
                      + " count(*) filter (where status in (1,2,3) and assignee_id = ?),"
                      + " count(*) filter (where status in (1,2,3) and (first_response_breached or resolution_breached)),"
                      + " count(*) filter (where status = 1), count(*) filter (where status = 3),"
                      + " count(*) filter (where status in (1,2,3) and priority = 1), count(*) filter (where status in (1,2,3) and priority = 2),"
                      + " count(*) filter (where status in (1,2,3) and priority = 3), count(*) filter (where status in (1,2,3) and priority = 4)"
                      + " from ticket.tickets")) {
            ps.setObject(1, p.subject());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              b.setUnassigned(rs.getLong(1))
                  .setMine(rs.getLong(2))
                  .setSlaBreached(rs.getLong(3))
                  .setNewTickets(rs.getLong(4))
                  .setPending(rs.getLong(5));
              for (int i = 1; i <= 4; i++) {
                b.addOpenByPriority(
                    PriorityCount.newBuilder()
                        .setPriority(TicketPriority.forNumber(i))
                        .setCount(rs.getLong(5 + i)));
              }
            }
          }
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select tm.id, tm.name, count(t.id) filter (where t.status in (1,2,3)),"
                          + " count(t.id) filter (where t.status in (1,2,3) and t.assignee_id is null)"
                          + " from ticket.teams tm left join ticket.tickets t on t.team_id = tm.id group by tm.id, tm.name order by tm.name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              b.addTeams(
                  TeamCount.newBuilder()
                      .setTeamId(rs.getString(1))
                      .setTeamName(rs.getString(2))
                      .setOpen(rs.getLong(3))
                      .setUnassigned(rs.getLong(4)));
            }
          }
          return b.setSuggestions(Suggestions.stats(c)).build();
        });
  }

  /** A ticket the caller may see, or NOT_FOUND (never "forbidden": existence is not revealed). */
  static TicketState visible(Connection c, Principal p, String ticketId) throws SQLException {
    return TicketStore.find(c, UUID.fromString(ticketId), false)
        .filter(s -> Visibility.maySee(p, s.ticket.getRequesterId()))
        .orElseThrow(() -> new NotFoundException("ticket " + ticketId + " not found"));
  }

  private static long position(String token) {
    if (token.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("page.page_token", "not a token of this list");
    }
  }
}
