package io.meshdesk.ai.knowledge;

import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsResponse;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketOrder;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.platform.proto.ProtoTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the solved-ticket knowledge current, in two ways that cover for each other:
 *
 * <ul>
 *   <li>live: ticket events from the ticket server's Redis topic; a ticket turning SOLVED is looked
 *       up (its last public reply by the support team is the resolution) and indexed within
 *       milliseconds;
 *   <li>catch-up: pub/sub loses what is published while no worker listens, so at start and then
 *       periodically, for every tenant the worker knows, solved and closed tickets changed since
 *       the tenant's mark are listed through ListTickets with the worker's service token (newest
 *       first, stopping at the mark) and recorded. Recording is idempotent, so overlap is harmless.
 * </ul>
 */
public final class ResolutionFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ResolutionFeed.class);

  /** Margin for clock skew between servers when moving a tenant's catch-up mark. */
  private static final Duration SKEW = Duration.ofMinutes(1);

  private final KnowledgeBase knowledge;
  private final ResolvedTicketSource tickets;
  private final Clock clock;
  private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("ai-resolution-catchup").factory());
  private RTopic topic;
  private int listenerId = -1;

  public ResolutionFeed(KnowledgeBase knowledge, ResolvedTicketSource tickets, Clock clock) {
    this.knowledge = knowledge;
    this.tickets = tickets;
    this.clock = clock;
  }

  /** Subscribes to ticket events and schedules the catch-up now and every {@code interval}. */
  public ResolutionFeed start(RedissonClient redis, Duration interval) {
    topic = redis.getTopic(TicketEventDecoder.TOPIC, ByteArrayCodec.INSTANCE);
    listenerId =
        topic.addListener(
            byte[].class,
            (channel, bytes) ->
                TicketEventDecoder.decode(bytes).ifPresent(e -> onEvent(e.tenant(), e.event())));
    timer.scheduleWithFixedDelay(
        this::catchUpQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Handles one ticket event (asynchronously): a ticket that became SOLVED is recorded with its
   * resolution and final labels; an agent's correction of the AI's triage is recorded as labels.
   */
  public void onEvent(UUID tenant, TicketEvent event) {
    if (event.hasTicketUpdated() && TicketLabels.isCorrection(event.getTicketUpdated())) {
      Ticket t = event.getTicketUpdated().getTicket();
      lookups.execute(() -> recordLabelQuietly(tenant, t));
    }
    if (event.hasTicketUpdated()
        && event.getTicketUpdated().getTicket().getStatus() == TicketStatus.TICKET_STATUS_SOLVED
        && event.getTicketUpdated().getChangedFields().getPathsList().contains("status")) {
      Ticket t = event.getTicketUpdated().getTicket();
      lookups.execute(
          () -> {
            try {
              record(tenant, t);
            } catch (RuntimeException e) {
              log.debug(
                  "resolution of ticket {} not recorded now ({}); the catch-up will",
                  t.getId(),
                  e.toString());
            }
          });
    }
  }

  /** Catches up every known tenant; returns the number of tickets recorded. */
  public int catchUp() {
    int n = 0;
    for (UUID tenant : knowledge.resolutions().tenants()) {
      n += catchUp(tenant);
    }
    return n;
  }

  /** Catches up one tenant from its mark. */
  public int catchUp(UUID tenant) {
    Instant started = clock.instant();
    Instant mark = knowledge.resolutions().syncedAt(tenant);
    int n = 0;
    String page = "";
    outer:
    do {
      ListTicketsResponse r =
          tickets.listTickets(
              tenant,
              ListTicketsRequest.newBuilder()
                  .addStatuses(TicketStatus.TICKET_STATUS_SOLVED)
                  .addStatuses(TicketStatus.TICKET_STATUS_CLOSED)
                  .setOrder(TicketOrder.TICKET_ORDER_UPDATED_AT_DESC)
                  .setPage(PageRequest.newBuilder().setPageSize(200).setPageToken(page))
                  .build());
      for (Ticket t : r.getTicketsList()) {
        Instant updated = ProtoTime.instant(t.getUpdatedAt());
        if (mark != null && updated.isBefore(mark)) {
          break outer;
        }
        if (record(tenant, t)) {
          n++;
        }
      }
      page = r.getPage().getNextPageToken();
    } while (!page.isEmpty());
    knowledge.resolutions().markSynced(tenant, started.minus(SKEW));
    return n;
  }

  private void recordLabelQuietly(UUID tenant, Ticket t) {
    try {
      TicketLabels.of(tenant, t).ifPresent(knowledge::recordLabel);
    } catch (RuntimeException e) {
      log.debug("labels of ticket {} not recorded now ({})", t.getId(), e.toString());
    }
  }

  /**
   * Records one solved ticket: its final labels, and its resolution unless it has no public reply
   * from the support team (then false).
   */
  boolean record(UUID tenant, Ticket t) {
    TicketLabels.of(tenant, t).ifPresent(knowledge::recordLabel);
    List<Comment> comments = tickets.publicComments(tenant, UUID.fromString(t.getId()));
    Comment reply = null;
    for (Comment c : comments) {
      if (!c.getAuthor().getId().equals(t.getRequesterId())) {
        reply = c;
      }
    }
    if (reply == null) {
      return false;
    }
    Instant solvedAt = t.hasSolvedAt() ? ProtoTime.instant(t.getSolvedAt()) : clock.instant();
    knowledge.recordResolution(
        new Resolution(
            tenant,
            UUID.fromString(t.getId()),
            t.getSubject(),
            t.getBody(),
            reply.getBody(),
            solvedAt));
    return true;
  }

  private void catchUpQuietly() {
    try {
      int n = catchUp();
      if (n > 0) {
        log.info("resolution catch-up recorded {} solved ticket(s)", n);
      }
    } catch (RuntimeException e) {
      log.warn("resolution catch-up failed, will retry: {}", e.toString());
    }
  }

  @Override
  public void close() {
    if (topic != null && listenerId >= 0) {
      topic.removeListener(listenerId);
    }
    timer.shutdownNow();
    lookups.shutdownNow();
  }
}
