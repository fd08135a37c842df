package io.meshdesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MergeRulesTest {

  private static final UUID CUSTOMER = UUID.randomUUID();

  private static MergeRules.Side side(long number, Status status) {
    return new MergeRules.Side(UUID.randomUUID(), number, CUSTOMER, status, false);
  }

  @Test
  void mergesTwoUnclosedTicketsOfTheSameRequesterWhateverTheirState() {
    for (Status a : new Status[] {Status.NEW, Status.OPEN, Status.PENDING, Status.SOLVED}) {
      for (Status b : new Status[] {Status.NEW, Status.OPEN, Status.PENDING, Status.SOLVED}) {
        assertThatCode(() -> MergeRules.check(side(2, a), side(1, b))).doesNotThrowAnyException();
      }
    }
  }

  @Test
  void refusesMergingATicketIntoItselfNamingTheTarget() {
    MergeRules.Side one = side(3, Status.OPEN);

    assertThatThrownBy(() -> MergeRules.check(one, one))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> assertThat(e.field()).isEqualTo("target_ticket_id"));
  }

  @Test
  void refusesAnotherRequestersTicketNamingTheTarget() {
    MergeRules.Side theirs =
        new MergeRules.Side(UUID.randomUUID(), 9, UUID.randomUUID(), Status.OPEN, false);

    assertThatThrownBy(() -> MergeRules.check(side(4, Status.OPEN), theirs))
        .isInstanceOfSatisfying(
            FailedPreconditionException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(MergeRules.OTHER_REQUESTER);
              assertThat(e.getMessage()).startsWith("target_ticket_id:").contains("#9");
            });
  }

  @Test
  void refusesADuplicateThatWasAlreadyMergedAway() {
    MergeRules.Side merged = new MergeRules.Side(UUID.randomUUID(), 5, CUSTOMER, Status.NEW, true);

    assertThatThrownBy(() -> MergeRules.check(merged, side(1, Status.OPEN)))
        .isInstanceOfSatisfying(
            FailedPreconditionException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(MergeRules.ALREADY_MERGED);
              assertThat(e.getMessage()).startsWith("duplicate_ticket_id:");
            });
  }

  @Test
  void refusesATargetThatWasItselfMergedAway() {
    MergeRules.Side merged = new MergeRules.Side(UUID.randomUUID(), 5, CUSTOMER, Status.OPEN, true);

    assertThatThrownBy(() -> MergeRules.check(side(6, Status.OPEN), merged))
        .isInstanceOfSatisfying(
            FailedPreconditionException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(MergeRules.ALREADY_MERGED);
              assertThat(e.getMessage()).startsWith("target_ticket_id:");
            });
  }

  @Test
  void refusesClosedTicketsOnEitherSide() {
    assertThatThrownBy(() -> MergeRules.check(side(7, Status.CLOSED), side(1, Status.OPEN)))
        .isInstanceOfSatisfying(
            FailedPreconditionException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Lifecycle.TICKET_CLOSED);
              assertThat(e.getMessage()).startsWith("duplicate_ticket_id:");
            });
    assertThatThrownBy(() -> MergeRules.check(side(7, Status.OPEN), side(1, Status.CLOSED)))
        .isInstanceOfSatisfying(
            FailedPreconditionException.class,
            e -> assertThat(e.getMessage()).startsWith("target_ticket_id:"));
  }

  @Test
  void defaultNoticeNamesBothTicketsAndSaysNothingIsLost() {
    assertThat(MergeRules.defaultNotice(12, 4))
        .contains("#12")
        .contains("merged it into #4")
        .contains("kept");
  }
}
