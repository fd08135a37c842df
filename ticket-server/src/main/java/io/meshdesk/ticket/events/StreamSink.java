package io.meshdesk.ticket.events;

import io.meshdesk.api.ticket.v1.TicketEvent;

/** Where a {@link StreamSubscription}'s events go: a gRPC stream, seen through its readiness. */
public interface StreamSink {
  /** Whether the transport can take another message without buffering. */
  boolean isReady();

  /** Sends one event. */
  void send(TicketEvent event);

  /** Sends the resync event and ends the stream. */
  void resync(TicketEvent resync);

  /** Ends the stream with an error (nothing more is sent). */
  void fail(RuntimeException error);

  /** Sends a heartbeat (only called when the sink is ready and nothing else waits). */
  default void heartbeat(TicketEvent heartbeat) {
    send(heartbeat);
  }
}
