package io.meshdesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * Every enum the ticket context stores or sends by number keeps its numbers distinct, finds each
 * value by its number, and refuses a number it does not know.
 */
class StoredCodesTest {

  private static <E extends Enum<E>> void roundTrips(
      E[] values, ToIntFunction<E> number, IntFunction<E> ofNumber) {
    List<Integer> numbers = Arrays.stream(values).map(number::applyAsInt).toList();
    assertThat(numbers).doesNotHaveDuplicates().contains(values.length - 1);
    for (E v : values) {
      assertThat(ofNumber.apply(number.applyAsInt(v))).isSameAs(v);
    }
    assertThatThrownBy(() -> ofNumber.apply(9_999)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyStoredCodeRoundTripsThroughItsNumber() {
    roundTrips(Sentiment.values(), Sentiment::number, Sentiment::ofNumber);
    roundTrips(AiStatus.values(), AiStatus::number, AiStatus::ofNumber);
    roundTrips(ChangeKind.values(), ChangeKind::number, ChangeKind::ofNumber);
    roundTrips(SuggestionOutcome.values(), SuggestionOutcome::number, SuggestionOutcome::ofNumber);
    roundTrips(ActorKind.values(), ActorKind::number, ActorKind::ofNumber);
    roundTrips(
        AiUnavailableReason.values(), AiUnavailableReason::number, AiUnavailableReason::ofNumber);
    roundTrips(CommentScope.values(), CommentScope::number, CommentScope::ofNumber);
  }
}
