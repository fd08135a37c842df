package io.meshdesk.ticket.service;

import io.meshdesk.api.common.v1.PageResponse;
import io.meshdesk.api.ticket.v1.GetTicketHistoryRequest;
import io.meshdesk.api.ticket.v1.GetTicketHistoryResponse;
import io.meshdesk.api.ticket.v1.GetTicketResponse;
import io.meshdesk.api.ticket.v1.ListCommentsRequest;
import io.meshdesk.api.ticket.v1.ListCommentsResponse;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsResponse;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.ticket.domain.CommentScope;
import io.meshdesk.ticket.domain.QueueCounts;
import io.meshdesk.ticket.domain.Queues;
import io.meshdesk.ticket.domain.Visibility;
import io.meshdesk.ticket.persistence.CommentStore;
import io.meshdesk.ticket.persistence.HistoryStore;
import io.meshdesk.ticket.persistence.SuggestionStore;
import io.meshdesk.ticket.persistence.TicketListStore;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** Reads: tickets, lists, comments, history and queue counters, as the caller may see them. */
public final class TicketReads {

  private final Transactions tx;
  private final Queues queues;

  public TicketReads(Transactions tx, Queues queues) {
    this.tx = tx;
    this.queues = queues;
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
            SuggestionStore.find(c, UUID.fromString(s.ticket.getLatestSuggestionId()))
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
    int size = r.getPage().getPageSize() == 0 ? 50 : r.getPage().getPageSize();
    long after = position(r.getPage().getPageToken());
    int visibility =
        Visibility.commentsShown(p, CommentScope.ofNumber(r.getVisibilityValue())).number();
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
  public QueueCounts counts(Principal p) {
    return queues.counts(p.requireTenant(), p.subject());
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
