package io.meshdesk.ai.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStringFieldStreamerTest {

  static final String REPLY = "Line \"one\"\n\ttab \\ slash / caf\u00e9 \uD83D\uDE00 done";

  static String json() throws Exception {
    var root = new ObjectMapper().createObjectNode();
    root.put("summary", "reply");
    root.putObject("nested").put("reply", "not this one");
    root.putArray("source_ids").add("reply");
    root.put("confidence", 0.5);
    root.put("reply", REPLY);
    root.put("after", "ignored");
    // Escape every non-ASCII character, as some encoders do, to exercise backslash-u decoding.
    StringBuilder ascii = new StringBuilder();
    for (char c : root.toString().toCharArray()) {
      ascii.append(c < 128 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return ascii.toString();
  }

  static List<String> feed(String json, int pieceLength) {
    JsonStringFieldStreamer streamer = new JsonStringFieldStreamer("reply");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < json.length(); i += pieceLength) {
      String delta = streamer.accept(json.substring(i, Math.min(json.length(), i + pieceLength)));
      if (!delta.isEmpty()) {
        out.add(delta);
      }
    }
    assertThat(streamer.complete()).isTrue();
    return out;
  }

  @Test
  void decodesTheTopLevelFieldWhateverTheChunkBoundaries() throws Exception {
    String json = json();
    for (int piece = 1; piece <= 13; piece++) {
      assertThat(String.join("", feed(json, piece))).as("pieces of %d", piece).isEqualTo(REPLY);
    }
  }

  @Test
  void neverEndsAChunkInsideASurrogatePair() throws Exception {
    for (String chunk : feed(json(), 1)) {
      assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).as(chunk).isFalse();
    }
  }

  @Test
  void returnsNothingBeforeTheFieldStarts() {
    JsonStringFieldStreamer streamer = new JsonStringFieldStreamer("reply");

    assertThat(streamer.accept("{\"sentiment\":\"NEGATIVE\",\"rep")).isEmpty();
    assertThat(streamer.accept("ly\": \"Hel")).isEqualTo("Hel");
    assertThat(streamer.accept("lo\\")).isEqualTo("lo");
    assertThat(streamer.accept("n!\",\"x\":1}")).isEqualTo("\n!");
    assertThat(streamer.complete()).isTrue();
  }
}
