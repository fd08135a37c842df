package io.meshdesk.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ai.drafting.Draft.Sentiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SentimentModelTest {

  private final SentimentModel model = new SentimentModel();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Thanks so much, the new dashboard is great and really helpful! | POSITIVE",
        "Your support team was amazing, problem solved. | POSITIVE",
        "This is terrible, the app keeps crashing and I am furious. | NEGATIVE",
        "I am very disappointed, my order never arrived. | NEGATIVE",
        "The export is not working. | NEGATIVE",
        "It doesn't work at all since the update. | NEGATIVE",
        "Please send me a copy of my invoice for March. | NEUTRAL",
        "How do I change the email address on my account? | NEUTRAL",
        "The export button stopped working yesterday. | NEGATIVE",
        "Not bad at all, it works now. | POSITIVE",
      })
  void labelsSentences(String text, Sentiment expected) {
    assertThat(model.read(text).label()).isEqualTo(expected);
  }

  @Test
  void negationFlipsThePolarity() {
    SentimentModel.Reading works = model.read("The sync is working.");
    SentimentModel.Reading notWorking = model.read("The sync is not working.");
    SentimentModel.Reading happy = model.read("I am happy with it.");
    SentimentModel.Reading notHappy = model.read("I am not happy with it.");

    assertThat(works.score()).isPositive();
    assertThat(notWorking.score()).isNegative();
    assertThat(happy.label()).isEqualTo(Sentiment.POSITIVE);
    assertThat(notHappy.label()).isEqualTo(Sentiment.NEGATIVE);
  }

  @Test
  void intensifiersCapitalsAndExclamationsStrengthenTheScore() {
    double plain = model.read("The app is slow.").score();
    double intensified = model.read("The app is extremely slow.").score();
    double shouted = model.read("The app is SLOW.").score();
    double exclaimed = model.read("The app is slow!!!").score();

    assertThat(intensified).isLessThan(plain);
    assertThat(shouted).isLessThan(plain);
    assertThat(exclaimed).isLessThan(plain);
    assertThat(model.read("The app is slightly slow.").score()).isGreaterThan(plain);
  }

  @Test
  void whatFollowsButWeighsMore() {
    SentimentModel.Reading reading =
        model.read("Thanks for the quick reply, but the export is still broken and useless.");

    assertThat(reading.label()).isEqualTo(Sentiment.NEGATIVE);
  }

  @Test
  void strongComplaintsAreStronglyNegative() {
    assertThat(model.read("This is UNACCEPTABLE, the worst service ever!!").stronglyNegative())
        .isTrue();
    assertThat(model.read("The page is a bit slow.").stronglyNegative()).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "!!!", "12345 ??? @@@"})
  void textWithoutSentimentWordsIsNeutral(String text) {
    SentimentModel.Reading reading = model.read(text);

    assertThat(reading.label()).isEqualTo(Sentiment.NEUTRAL);
    assertThat(reading.score()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "TERRIBLE AWFUL HORRIBLE WORST USELESS BROKEN!!!!!!",
        "great great great amazing excellent perfect love it!!!"
      })
  void scoresStayWithinMinusOneAndOne(String text) {
    assertThat(model.read(text).score()).isBetween(-1.0, 1.0);
  }
}
