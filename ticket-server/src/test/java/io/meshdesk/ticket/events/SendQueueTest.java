package io.meshdesk.ticket.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.api.ticket.v1.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendQueueTest {

  /** A sink whose readiness the test sets, recording what it got. */
  static final class TestSink implements StreamSink {
    boolean ready;
    final List<TicketEvent> sent = new ArrayList<>();

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void send(TicketEvent event) {
      sent.add(event);
    }

    @Override
    public void resync(TicketEvent resync) {
      sent.add(resync);
    }

    @Override
    public void fail(RuntimeException error) {
      throw new AssertionError(error);
    }
  }

  static TicketEvent event(long sequence) {
    return TicketEvent.newBuilder().setSequence(sequence).build();
  }

  @Test
  void eventsWaitUntilTheSinkIsReadyThenGoOutInOrder() {
    TestSink sink = new TestSink();
    SendQueue queue = new SendQueue(sink);
    queue.startAfter(4);

    queue.add(5, event(5));
    queue.add(6, event(6));
    queue.drain(6);

    assertThat(sink.sent).isEmpty();
    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.lastSent()).isEqualTo(4);

    sink.ready = true;
    queue.drain(6);

    assertThat(sink.sent).containsExactly(event(5), event(6));
    assertThat(queue.lastSent()).isEqualTo(6);
  }

  @Test
  void theClientIsPastAnEventItMayNotSeeOnlyWhenNothingWaits() {
    TestSink sink = new TestSink();
    SendQueue queue = new SendQueue(sink);
    queue.startAfter(1);

    queue.skip(2);
    assertThat(queue.lastSent()).isEqualTo(2);

    queue.add(3, event(3));
    queue.skip(4);
    assertThat(queue.lastSent()).isEqualTo(2);
  }

  @Test
  void markersMoveNoPositionUntilTheQueueEmpties() {
    TestSink sink = new TestSink();
    SendQueue queue = new SendQueue(sink);
    queue.startAfter(7);
    queue.add(0, event(7));
    queue.add(8, event(8));

    sink.ready = true;
    queue.drain(9);

    assertThat(sink.sent).hasSize(2);
    assertThat(queue.lastSent()).isEqualTo(9);
  }

  @Test
  void aHeartbeatIsDueOnlyWhenNothingWaitsTheSinkIsReadyAndTheStreamWasQuiet() {
    TestSink sink = new TestSink();
    SendQueue queue = new SendQueue(sink);
    long start = System.nanoTime();
    long interval = 1_000_000_000L;
    long later = start + 5 * interval;

    assertThat(queue.quietFor(interval, later)).isFalse(); // not ready
    sink.ready = true;
    assertThat(queue.quietFor(interval, later)).isTrue();
    queue.heartbeat(event(0), later);
    assertThat(sink.sent).containsExactly(event(0));
    assertThat(queue.quietFor(interval, later + interval / 2)).isFalse(); // just sent one
    queue.add(1, event(1));
    assertThat(queue.quietFor(interval, later + 2 * interval)).isFalse(); // one waits
  }

  @Test
  void clearingDropsWhatWaits() {
    TestSink sink = new TestSink();
    SendQueue queue = new SendQueue(sink);
    queue.add(1, event(1));

    queue.clear();
    sink.ready = true;
    queue.drain(1);

    assertThat(sink.sent).isEmpty();
    assertThat(queue.size()).isZero();
  }
}
