package io.meshdesk.ticket.service;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.ticket.domain.AiSuggestion;
import io.meshdesk.ticket.domain.CommentScope;
import io.meshdesk.ticket.domain.HistoryEntry;
import io.meshdesk.ticket.domain.Page;
import io.meshdesk.ticket.domain.Positioned;
import io.meshdesk.ticket.domain.QueueCounts;
import io.meshdesk.ticket.domain.Queues;
import io.meshdesk.ticket.domain.TicketComment;
import io.meshdesk.ticket.domain.TicketQuery;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.domain.TicketState;
import io.meshdesk.ticket.domain.Visibility;
import java.util.List;
import java.util.Optional;

/** Reads: tickets, lists, comments, history and queue counters, as the caller may see them. */
public final class TicketReads {

  private final TicketUnits units;
  private final Queues queues;

  public TicketReads(TicketUnits units, Queues queues) {
    this.units = units;
    this.queues = queues;
  }

  /** One ticket in the caller's view; customers get NOT_FOUND for tickets they did not request. */
  public TicketRecord get(Principal p, String ticketId) {
    boolean staff = Visibility.staff(p);
    return units.read(p.requireTenant(), unit -> visible(unit, p, ticketId).viewFor(staff));
  }

  /**
   * One ticket in the caller's view with, for staff, its latest AI suggestion (customers never see
   * AI output); NOT_FOUND as {@link #get}.
   */
  public TicketDetail detail(Principal p, String ticketId) {
    boolean staff = Visibility.staff(p);
    return units.read(
        p.requireTenant(),
        unit -> {
          TicketRecord t = visible(unit, p, ticketId);
          Optional<AiSuggestion> latest =
              staff && !t.latestSuggestionId().isEmpty()
                  ? unit.suggestions().find(t.latestSuggestionId())
                  : Optional.empty();
          return new TicketDetail(t.viewFor(staff), latest);
        });
  }

  /** Filtered, paged list in the caller's view; customers see only their own tickets. */
  public Tickets.Page list(Principal p, TicketQuery q) {
    boolean staff = Visibility.staff(p);
    Tickets.Page page =
        units.read(p.requireTenant(), unit -> unit.tickets().list(q, staff ? null : p.subject()));
    return new Tickets.Page(
        page.tickets().stream().map(t -> t.viewFor(staff)).toList(), page.nextPageToken());
  }

  /** Comments, oldest first; customers see public ones of their own tickets. */
  public Page<TicketComment> comments(
      Principal p, String ticketId, CommentScope asked, int pageSize, String pageToken) {
    int size = pageSize == 0 ? 50 : pageSize;
    long after = position(pageToken);
    CommentScope scope = Visibility.commentsShown(p, asked);
    return units.read(
        p.requireTenant(),
        unit -> {
          visible(unit, p, ticketId);
          return page(unit.comments().list(ticketId, scope, after, size + 1), size);
        });
  }

  /** History, oldest first; staff only. */
  public Page<HistoryEntry> history(Principal p, String ticketId, int pageSize, String pageToken) {
    Visibility.requireMayReadHistory(p);
    int size = pageSize == 0 ? 50 : pageSize;
    long after = position(pageToken);
    return units.read(
        p.requireTenant(),
        unit -> {
          visible(unit, p, ticketId);
          return page(unit.history().list(ticketId, after, size + 1), size);
        });
  }

  /** Queue counters for the caller, with the tenant's AI suggestion outcomes. */
  public QueueCounts counts(Principal p) {
    return queues.counts(p.requireTenant(), p.subject());
  }

  /** A ticket the caller may see, or NOT_FOUND (never "forbidden": existence is not revealed). */
  private static TicketRecord visible(TicketUnit unit, Principal p, String ticketId) {
    return unit.tickets()
        .find(ticketId)
        .filter(s -> Visibility.maySee(p, s.requesterId))
        .map(TicketState::record)
        .orElseThrow(() -> new NotFoundException("ticket " + ticketId + " not found"));
  }

  /** The first {@code size} of {@code rows} (fetched one over), with the next page's token. */
  private static <T> Page<T> page(List<Positioned<T>> rows, int size) {
    String next = rows.size() > size ? Long.toString(rows.get(size - 1).position()) : "";
    return new Page<>(rows.stream().limit(size).map(Positioned::value).toList(), next);
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
