package io.meshdesk.ticket.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedResponsesTest {

  private static TicketEvent event(long seq) {
    return TicketEvent.newBuilder().setSequence(seq).setTicketId("ticket-" + seq).build();
  }

  @Test
  void interleavedEventsAreEachEncodedOnceAndServedFromTheSameBytes() {
    SharedResponses shared = new SharedResponses();
    TicketEvent a = event(1);
    TicketEvent b = event(2);
    // given streams sending a and b alternately (the hub's thread and readiness callbacks)
    SubscribeResponse ra = shared.response(a);
    SubscribeResponse rb = shared.response(b);
    // then each event keeps its one response and its encoded bytes
    assertThat(shared.response(a)).isSameAs(ra);
    assertThat(shared.response(b)).isSameAs(rb);
    assertThat(shared.bytesOf(ra)).isEqualTo(ra.toByteArray());
    assertThat(shared.bytesOf(shared.response(a))).isSameAs(shared.bytesOf(ra));
  }

  @Test
  void anEqualButDifferentMessageIsEncodedOnItsOwn() {
    SharedResponses shared = new SharedResponses();
    SubscribeResponse cached = shared.response(event(1));
    SubscribeResponse other = SubscribeResponse.newBuilder().setEvent(event(1)).build();
    assertThat(shared.bytesOf(other)).isNull();
    assertThat(shared.response(event(1))).isNotSameAs(cached);
  }

  @Test
  void remembersABoundedNumberOfEvents() {
    SharedResponses shared = new SharedResponses();
    List<SubscribeResponse> responses = new ArrayList<>();
    for (int i = 0; i <= SharedResponses.CAPACITY; i++) {
      responses.add(shared.response(event(i)));
    }
    assertThat(shared.bytesOf(responses.get(0))).isNull();
    assertThat(shared.bytesOf(responses.get(SharedResponses.CAPACITY))).isNotNull();
  }
}
