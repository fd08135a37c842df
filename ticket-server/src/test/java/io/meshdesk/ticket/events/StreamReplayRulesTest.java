package io.meshdesk.ticket.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.ticket.persistence.RoutedEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamReplayRulesTest {

  static RoutedEvent at(long sequence) {
    return new RoutedEvent(
        UUID.randomUUID(),
        sequence,
        "",
        "",
        "",
        "",
        "",
        false,
        0,
        TicketEvent.newBuilder().setSequence(sequence).build());
  }

  @Test
  void aReplayWhoseFirstPageDoesNotFollowOnLostPrunedEvents() {
    assertThat(OutboxPages.pruned(5, 10, List.of(at(8), at(9)))).isTrue();
    assertThat(OutboxPages.pruned(5, 10, List.of())).isTrue();
  }

  @Test
  void aReplayThatFollowsOnOrStartsFromZeroOrIsCurrentLostNothing() {
    assertThat(OutboxPages.pruned(5, 10, List.of(at(6), at(7)))).isFalse();
    assertThat(OutboxPages.pruned(0, 10, List.of(at(8)))).isFalse();
    assertThat(OutboxPages.pruned(10, 10, List.of())).isFalse();
  }

  @Test
  void markersCarryTheStreamPosition() {
    assertThat(StreamMarkers.caughtUp(7).getSequence()).isEqualTo(7);
    assertThat(StreamMarkers.caughtUp(7).hasCaughtUp()).isTrue();

    TicketEvent beat = StreamMarkers.heartbeat(8, Duration.ofMillis(1500));
    assertThat(beat.getSequence()).isEqualTo(8);
    assertThat(beat.getHeartbeat().getInterval().getSeconds()).isEqualTo(1);
    assertThat(beat.getHeartbeat().getInterval().getNanos()).isEqualTo(500_000_000);

    TicketEvent resync = StreamMarkers.resync(9, "client too slow");
    assertThat(resync.getSequence()).isEqualTo(9);
    assertThat(resync.getResync().getResumeAfterSequence()).isEqualTo(9);
    assertThat(resync.getResync().getReason()).isEqualTo("client too slow");
  }
}
