package io.meshdesk.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

  @Test
  void chunksConcatenateToTheOriginalText() {
    String text = "Hello,\n\nFirst sentence. Second one? Third!  Version 1.2 is out.\nEnd";

    assertThat(String.join("", Sentences.chunks(text))).isEqualTo(text);
    assertThat(Sentences.chunks(text))
        .containsExactly(
            "Hello,\n\n",
            "First sentence. ",
            "Second one? ",
            "Third!  ",
            "Version 1.2 is out.\n",
            "End");
  }

  @Test
  void splitsIntoTrimmedSentences() {
    assertThat(Sentences.split("Hi team,\nIt fails.  It worked before!\n\nThanks"))
        .containsExactly("Hi team,", "It fails.", "It worked before!", "Thanks");
  }
}
