package io.meshdesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class TicketStateTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** A ticket with every field set (other tests build on it). */
  public static TicketRecord ticket(Status status) {
    return new TicketRecord(
        "t1",
        42,
        "Card declined",
        "at the bakery",
        status,
        Priority.HIGH,
        "c1",
        "a1",
        "team1",
        List.of("billing"),
        Map.of("order", "42"),
        7,
        T0,
        T0.plusSeconds(1),
        T0.plusSeconds(3600),
        T0.plusSeconds(7200),
        null,
        null,
        null,
        false,
        false,
        AiStatus.READY,
        "summary",
        "billing",
        Sentiment.NEGATIVE,
        "s1",
        5,
        3,
        null,
        "7c9e6679-7425-40de-944b-e07fc1f90ae7");
  }

  @Test
  void aWorkingCopyKeepsEveryFieldOfTheRecord() {
    TicketRecord r = ticket(Status.OPEN);

    assertThat(new TicketState(r).record()).isEqualTo(r);
    assertThat(new TicketState(r.customerView()).record()).isEqualTo(r.customerView());
  }

  @Test
  void solvingStampsTheSolveTimeAndReopeningClearsIt() {
    TicketState s = new TicketState(ticket(Status.OPEN));

    s.applyStatus(Status.SOLVED, T0.plusSeconds(60));
    assertThat(s.status).isEqualTo(Status.SOLVED);
    assertThat(s.solvedAt).isEqualTo(T0.plusSeconds(60));

    s.applyStatus(Status.OPEN, T0.plusSeconds(120));
    assertThat(s.solvedAt).isNull();
  }

  @Test
  void closingStampsTheCloseTime() {
    TicketState s = new TicketState(ticket(Status.SOLVED));

    s.applyStatus(Status.CLOSED, T0.plusSeconds(60));

    assertThat(s.closedAt).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void pendingFreezesTheResolutionClock() {
    TicketState s = new TicketState(ticket(Status.OPEN));

    s.applyStatus(Status.PENDING, T0.plusSeconds(3600));

    assertThat(s.resolutionDueAt).isNull();
    assertThat(s.resolutionRemainingMs).isEqualTo(Duration.ofSeconds(3600).toMillis());
  }

  @Test
  void aFirstResponseAfterItsDeadlineIsFlaggedOnce() {
    TicketState s = new TicketState(ticket(Status.OPEN));

    List<SlaClock.Breach> late = s.flagLate(T0.plusSeconds(4000), true, false);

    assertThat(late).extracting(SlaClock.Breach::metric).containsExactly(SlaMetric.FIRST_RESPONSE);
    assertThat(s.firstResponseBreached).isTrue();
    assertThat(s.flagLate(T0.plusSeconds(4001), true, false)).isEmpty();
  }

  @Test
  void aNewVersionIsStampedWithItsTime() {
    TicketState s = new TicketState(ticket(Status.OPEN));

    assertThat(s.nextVersion(T0.plusSeconds(9))).isEqualTo(8);
    assertThat(s.updatedAt).isEqualTo(T0.plusSeconds(9));
  }
}
