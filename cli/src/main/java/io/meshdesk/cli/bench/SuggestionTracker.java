package io.meshdesk.cli.bench;

import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An agent's Subscribe stream as the end-to-end AI bench sees it: matches each created ticket with
 * the first {@code SuggestionReady} (or {@code AiUnavailable}) event for it and records the time
 * from just before its CreateTicket call to that event's arrival. The event may arrive before the
 * CreateTicket response; both orders are matched.
 */
final class SuggestionTracker implements StreamObserver<SubscribeResponse> {

  private final LatencyStats stats;

  /** Ticket id -> System.nanoTime() just before its CreateTicket, until its suggestion arrives. */
  private final Map<String, Long> pending = new HashMap<>();

  /** Suggestions of tickets whose CreateTicket response is not back yet: id -> arrival nanos. */
  private final Map<String, Long> early = new HashMap<>();

  private final Set<String> unavailableEarly = new HashSet<>();
  private long lastArrivalNanos;
  private boolean ended;

  SuggestionTracker(LatencyStats stats) {
    this.stats = stats;
  }

  /** Registers a created ticket and when its CreateTicket call started. */
  synchronized void created(String ticketId, long startNanos) {
    Long arrived = early.remove(ticketId);
    if (arrived != null) {
      complete(arrived - startNanos, arrived);
    } else if (unavailableEarly.remove(ticketId)) {
      stats.error("ai_unavailable");
      notifyAll();
    } else {
      pending.put(ticketId, startNanos);
    }
  }

  @Override
  public void onNext(SubscribeResponse r) {
    long now = System.nanoTime();
    TicketEvent e = r.getEvent();
    if (e.hasSuggestionReady()) {
      arrived(
          e.getTicketId().isEmpty()
              ? e.getSuggestionReady().getSuggestion().getTicketId()
              : e.getTicketId(),
          now,
          true);
    } else if (e.hasAiUnavailable()) {
      arrived(e.getTicketId(), now, false);
    }
  }

  private synchronized void arrived(String ticketId, long now, boolean ready) {
    Long start = pending.remove(ticketId);
    if (start == null) {
      // Not (yet) one of ours: either its CreateTicket response is still in flight, or a repeat.
      if (ready) {
        early.putIfAbsent(ticketId, now);
      } else {
        unavailableEarly.add(ticketId);
      }
      return;
    }
    if (ready) {
      complete(now - start, now);
    } else {
      stats.error("ai_unavailable");
      notifyAll();
    }
  }

  private void complete(long nanos, long arrivedNanos) {
    stats.record(nanos);
    lastArrivalNanos = Math.max(lastArrivalNanos, arrivedNanos);
    notifyAll();
  }

  /**
   * Waits until no created ticket is waiting for its suggestion, or the deadline; returns how many
   * still wait.
   */
  synchronized int awaitSettled(long deadlineNanos) throws InterruptedException {
    while (!pending.isEmpty() && !ended) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return pending.size();
  }

  /**
   * Forgets tickets still waiting, counting each as {@code errorKind} unless null (end of warm-up).
   */
  synchronized void abandonPending(String errorKind) {
    if (errorKind != null) {
      pending.keySet().forEach(id -> stats.error(errorKind));
    }
    pending.clear();
    early.clear();
    unavailableEarly.clear();
    lastArrivalNanos = 0;
  }

  /** When the latest matched suggestion arrived (System.nanoTime()), 0 if none. */
  synchronized long lastArrivalNanos() {
    return lastArrivalNanos;
  }

  @Override
  public synchronized void onError(Throwable t) {
    stats.error("stream_" + LoadGenerator.kind(t));
    ended = true;
    notifyAll();
  }

  @Override
  public synchronized void onCompleted() {
    stats.error("stream_ended");
    ended = true;
    notifyAll();
  }
}
