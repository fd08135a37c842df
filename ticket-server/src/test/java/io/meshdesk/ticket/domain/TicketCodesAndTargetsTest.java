package io.meshdesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The stored and wire numbers of statuses and priorities, the empty SLA target set and the switched
 * off auto-assigner.
 */
class TicketCodesAndTargetsTest {

  @Test
  void everyStatusRoundTripsThroughItsNumber() {
    assertThat(Status.NEW.number()).isEqualTo(1);
    assertThat(Status.CLOSED.number()).isEqualTo(5);
    for (Status s : Status.values()) {
      assertThat(Status.ofNumber(s.number())).isSameAs(s);
    }
  }

  @Test
  void unknownStatusNumberIsRejected() {
    assertThatThrownBy(() -> Status.ofNumber(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status 0");
  }

  @Test
  void everyPriorityRoundTripsThroughItsNumber() {
    assertThat(Priority.LOW.number()).isEqualTo(1);
    assertThat(Priority.URGENT.number()).isEqualTo(4);
    for (Priority p : Priority.values()) {
      assertThat(Priority.ofNumber(p.number())).isSameAs(p);
    }
  }

  @Test
  void unknownPriorityNumberIsRejected() {
    assertThatThrownBy(() -> Priority.ofNumber(9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("priority 9");
  }

  @Test
  void noTargetsMeansNoDeadlinesForAnyPriority() {
    SlaTargets none = SlaTargets.none();
    Instant now = Instant.parse("2026-03-02T09:00:00Z");

    for (Priority p : Priority.values()) {
      assertThat(none.forPriority(p)).isEmpty();
      assertThat(SlaClock.start(p, none, now).resolutionDue()).isNull();
    }
  }

  @Test
  void switchedOffAutoAssignerLeavesEveryTicketUnassigned() {
    assertThat(AutoAssigner.off().pick(UUID.randomUUID(), UUID.randomUUID()))
        .isEqualTo(Optional.empty());
  }
}
