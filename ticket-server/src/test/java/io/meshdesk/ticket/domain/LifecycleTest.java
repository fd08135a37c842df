package io.meshdesk.ticket.domain;

import static io.meshdesk.ticket.domain.Status.CLOSED;
import static io.meshdesk.ticket.domain.Status.NEW;
import static io.meshdesk.ticket.domain.Status.OPEN;
import static io.meshdesk.ticket.domain.Status.PENDING;
import static io.meshdesk.ticket.domain.Status.SOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.errors.FailedPreconditionException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void allowsExactlyTheDocumentedTransitions() {
    assertThat(next(NEW)).containsExactlyInAnyOrder(OPEN, PENDING, SOLVED);
    assertThat(next(OPEN)).containsExactlyInAnyOrder(PENDING, SOLVED);
    assertThat(next(PENDING)).containsExactlyInAnyOrder(OPEN, SOLVED);
    assertThat(next(SOLVED)).containsExactlyInAnyOrder(OPEN, CLOSED);
    assertThat(next(CLOSED)).isEmpty();
  }

  @Test
  void refusesAnIllegalTransitionNamingBothStates() {
    assertThatThrownBy(() -> Lifecycle.requireTransition(NEW, CLOSED))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessage("a ticket cannot go from NEW to CLOSED");
  }

  @Test
  void closedIsFinalEvenForTheSameStatus() {
    assertThatThrownBy(() -> Lifecycle.requireTransition(CLOSED, CLOSED))
        .hasMessageContaining("closed is final");
    assertThatThrownBy(() -> Lifecycle.requireNotClosed(CLOSED))
        .isInstanceOf(FailedPreconditionException.class);
    assertThatCode(() -> Lifecycle.requireNotClosed(SOLVED)).doesNotThrowAnyException();
  }

  @Test
  void requesterReplyReopensPendingAndSolvedTickets() {
    assertThat(Lifecycle.afterPublicComment(PENDING, true)).isEqualTo(OPEN);
    assertThat(Lifecycle.afterPublicComment(SOLVED, true)).isEqualTo(OPEN);
    assertThat(Lifecycle.afterPublicComment(NEW, true)).isEqualTo(NEW);
  }

  @Test
  void teamsFirstPublicReplyOpensANewTicketAndLeavesOthersAlone() {
    assertThat(Lifecycle.afterPublicComment(NEW, false)).isEqualTo(OPEN);
    assertThat(Lifecycle.afterPublicComment(PENDING, false)).isEqualTo(PENDING);
    assertThat(Lifecycle.afterPublicComment(SOLVED, false)).isEqualTo(SOLVED);
  }

  @Test
  void onlyNewOpenAndPendingCountAsUnsolved() {
    assertThat(EnumSet.allOf(Status.class).stream().filter(Lifecycle::unsolved))
        .containsExactly(NEW, OPEN, PENDING);
  }

  private static Set<Status> next(Status from) {
    Set<Status> out = EnumSet.noneOf(Status.class);
    for (Status to : Status.values()) {
      if (Lifecycle.allowed(from, to)) {
        out.add(to);
      }
    }
    return out;
  }
}
