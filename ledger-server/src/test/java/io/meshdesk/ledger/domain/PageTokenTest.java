package io.meshdesk.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.errors.InvalidArgumentException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PageTokenTest {

  private static final String KEYSET = "2026-01-02T03:04:05Z|5f0e4c2a-9b0e-4a57-8a43-2b8e3a1f6c11";

  @Test
  void garbageTokensOfEveryShapeAreInvalidArgumentNamingThePageToken() {
    Stream.of(
            "!!!",
            Page.token("garbage"),
            Page.token("a\0b"),
            Page.token("x|y"),
            Page.token("-1"),
            Page.token("2026-13-40"),
            "_-8")
        .forEach(
            token ->
                Stream.<Function<String, String>>of(
                        Page::keysetPosition, Page::sequencePosition, Page::datePosition)
                    .forEach(
                        decoder ->
                            assertThatThrownBy(() -> decoder.apply(token))
                                .isInstanceOf(InvalidArgumentException.class)
                                .hasMessageContaining("page token")));
  }

  @Test
  void tokensTheServerIssuedDecodeToTheirPosition() {
    assertThat(Page.keysetPosition(Page.token(KEYSET))).isEqualTo(KEYSET);
    assertThat(Page.sequencePosition(Page.token("42"))).isEqualTo("42");
    assertThat(Page.datePosition(Page.token("2026-02-28"))).isEqualTo("2026-02-28");
    assertThat(Page.keysetPosition("")).isEmpty();
  }
}
