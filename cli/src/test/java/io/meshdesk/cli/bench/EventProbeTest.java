package io.meshdesk.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.Resync;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketCreated;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketUpdated;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class EventProbeTest {

  private static EventProbe probe(TicketEvent e) {
    return EventProbe.read(
        new ByteArrayInputStream(SubscribeResponse.newBuilder().setEvent(e).build().toByteArray()));
  }

  @Test
  void readsTheSequenceTimeAndKindOfACreatedEventWhateverSurroundsThem() {
    TicketEvent e =
        TicketEvent.newBuilder()
            .setSequence(42)
            .setOccurredAt(Timestamp.newBuilder().setSeconds(1_764_000_000L).setNanos(123_456_789))
            .setTicketId("t-1")
            .setTicketVersion(3)
            .setActor(Actor.newBuilder().setDisplayName("Ada").setId("a"))
            .setTicketCreated(
                TicketCreated.newBuilder()
                    .setTicket(Ticket.newBuilder().setSubject("Printer on fire").setNumber(7)))
            .build();
    assertThat(probe(e)).isEqualTo(new EventProbe(42, 1_764_000_000_123_456_789L, true, false));
  }

  @Test
  void tellsResyncAndOtherEventsApart() {
    assertThat(
            probe(
                TicketEvent.newBuilder()
                    .setSequence(9)
                    .setResync(Resync.newBuilder().setResumeAfterSequence(9))
                    .build()))
        .isEqualTo(new EventProbe(9, 0, false, true));
    TicketEvent updated =
        TicketEvent.newBuilder()
            .setOccurredAt(Timestamp.newBuilder().setSeconds(5))
            .setTicketUpdated(
                TicketUpdated.newBuilder().setTicket(Ticket.newBuilder().setSubject("x")))
            .build();
    assertThat(probe(updated)).isEqualTo(new EventProbe(0, 5_000_000_000L, false, false));
  }
}
