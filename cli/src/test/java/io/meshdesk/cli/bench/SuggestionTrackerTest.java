package io.meshdesk.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.api.ticket.v1.AiUnavailable;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.SuggestionReady;
import io.meshdesk.api.ticket.v1.TicketCreated;
import io.meshdesk.api.ticket.v1.TicketEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuggestionTrackerTest {

  private final LatencyStats stats = new LatencyStats();
  private final SuggestionTracker tracker = new SuggestionTracker(stats);

  @Test
  void recordsASuggestionThatArrivesAfterTheCreateResponse() {
    tracker.created("t1", System.nanoTime());
    tracker.onNext(
        event(
            "t1",
            TicketEvent.newBuilder().setSuggestionReady(SuggestionReady.getDefaultInstance())));

    assertThat(stats.count()).isEqualTo(1);
    assertThat(tracker.lastArrivalNanos()).isPositive();
  }

  @Test
  void recordsASuggestionThatArrivesBeforeTheCreateResponse() {
    long start = System.nanoTime();
    tracker.onNext(
        event(
            "t1",
            TicketEvent.newBuilder().setSuggestionReady(SuggestionReady.getDefaultInstance())));
    assertThat(stats.count()).isZero();

    tracker.created("t1", start);

    assertThat(stats.count()).isEqualTo(1);
  }

  @Test
  void countsOnlyTheFirstSuggestionOfATicketAndIgnoresOtherEvents() throws InterruptedException {
    tracker.created("t1", System.nanoTime());
    tracker.onNext(
        event("t1", TicketEvent.newBuilder().setTicketCreated(TicketCreated.getDefaultInstance())));
    tracker.onNext(
        event(
            "t1",
            TicketEvent.newBuilder().setSuggestionReady(SuggestionReady.getDefaultInstance())));
    tracker.onNext(
        event(
            "t1",
            TicketEvent.newBuilder().setSuggestionReady(SuggestionReady.getDefaultInstance())));

    assertThat(stats.count()).isEqualTo(1);
    assertThat(tracker.awaitSettled(System.nanoTime())).isZero();
  }

  @Test
  void countsAiUnavailableAndMissingSuggestionsAsErrors() throws InterruptedException {
    tracker.created("t1", System.nanoTime());
    tracker.created("t2", System.nanoTime());
    tracker.onNext(
        event("t1", TicketEvent.newBuilder().setAiUnavailable(AiUnavailable.getDefaultInstance())));

    assertThat(tracker.awaitSettled(System.nanoTime())).isEqualTo(1);
    tracker.abandonPending("no_suggestion");

    assertThat(stats.count()).isZero();
    assertThat(stats.errors()).isEqualTo(Map.of("ai_unavailable", 1L, "no_suggestion", 1L));
  }

  @Test
  void forgetsWarmUpTicketsWithoutErrors() throws InterruptedException {
    tracker.created("t1", System.nanoTime());

    tracker.abandonPending(null);

    assertThat(stats.errorCount()).isZero();
    assertThat(tracker.awaitSettled(System.nanoTime())).isZero();
  }

  private static SubscribeResponse event(String ticketId, TicketEvent.Builder e) {
    return SubscribeResponse.newBuilder().setEvent(e.setTicketId(ticketId)).build();
  }
}
