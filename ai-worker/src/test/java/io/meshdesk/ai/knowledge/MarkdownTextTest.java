package io.meshdesk.ai.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownTextTest {

  private static final int SIZE = 100_000;

  /**
   * A sequence that counts reads and gives up far past any linear budget, so a regression fails
   * fast.
   */
  private static final class CountingText implements CharSequence {
    private final String text;
    private final long giveUpAt;
    long reads;

    CountingText(String text, long giveUpAt) {
      this.text = text;
      this.giveUpAt = giveUpAt;
    }

    @Override
    public char charAt(int index) {
      if (++reads > giveUpAt) {
        throw new IllegalStateException("more than " + giveUpAt + " character reads: not linear");
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      reads += end - start;
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  static Stream<String> hostileBodies() {
    return Stream.of(
        "[".repeat(SIZE),
        "![".repeat(SIZE / 2),
        "[a]".repeat(SIZE / 3),
        "[a](".repeat(SIZE / 4),
        "```".repeat(1) + "x".repeat(SIZE),
        "``` ".repeat(SIZE / 4) + "[",
        "`".repeat(SIZE),
        "[](".repeat(SIZE / 3) + ")");
  }

  @ParameterizedTest
  @MethodSource("hostileBodies")
  void readsEachCharacterOfAHostileBodyABoundedNumberOfTimes(String body) {
    CountingText text = new CountingText(body, 10L * body.length());

    MarkdownText.withoutFencesAndLinks(text);

    assertThat(text.reads).isLessThanOrEqualTo(5L * body.length());
  }

  @Test
  void reducesLinksAndImagesToTheirTextAndDropsFencedCode() {
    String md =
        "See [the guide](https://x.example/a) and ![logo](l.png).\n```\ncode [x](y)\n```\nend [open";

    assertThat(MarkdownText.withoutFencesAndLinks(md))
        .isEqualTo("See the guide and logo.\n \nend [open");
  }

  @Test
  void keepsAnUnclosedFenceAndBracketsWithoutParenthesesAsText() {
    assertThat(MarkdownText.withoutFencesAndLinks("a ``` b [c] (d)")).isEqualTo("a ``` b [c] (d)");
  }

  @Test
  void snippetOfAHostileHundredThousandCharacterBodyIsPlainText() {
    String body = "[x ".repeat(SIZE / 6) + "refund" + " ](".repeat(SIZE / 6);

    assertThat(Snippets.around(body, "refund")).contains("refund");
  }
}
