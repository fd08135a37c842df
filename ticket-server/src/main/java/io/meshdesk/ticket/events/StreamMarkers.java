package io.meshdesk.ticket.events;

import io.meshdesk.api.ticket.v1.CaughtUp;
import io.meshdesk.api.ticket.v1.Heartbeat;
import io.meshdesk.api.ticket.v1.Resync;
import io.meshdesk.api.ticket.v1.TicketEvent;
import java.time.Duration;

/**
 * The events a stream sends about itself rather than about a ticket: caught up, heartbeat, resync.
 * Each carries the stream's position as its sequence.
 */
final class StreamMarkers {

  private StreamMarkers() {}

  /** The replay is over: what follows is live. */
  static TicketEvent caughtUp(long sequence) {
    return TicketEvent.newBuilder()
        .setSequence(sequence)
        .setCaughtUp(CaughtUp.getDefaultInstance())
        .build();
  }

  /** The stream is alive; the next heartbeat comes within {@code interval} of quiet. */
  static TicketEvent heartbeat(long sequence, Duration interval) {
    return TicketEvent.newBuilder()
        .setSequence(sequence)
        .setHeartbeat(
            Heartbeat.newBuilder()
                .setInterval(
                    com.google.protobuf.Duration.newBuilder()
                        .setSeconds(interval.toSeconds())
                        .setNanos(interval.toNanosPart())))
        .build();
  }

  /** The stream ends: the client reloads and resubscribes after {@code resumeAfter}. */
  static TicketEvent resync(long resumeAfter, String reason) {
    return TicketEvent.newBuilder()
        .setSequence(resumeAfter)
        .setResync(Resync.newBuilder().setResumeAfterSequence(resumeAfter).setReason(reason))
        .build();
  }
}
