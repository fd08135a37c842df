package io.meshdesk.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.errors.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void nextTokenLeadsToTheRowAfterThePage() {
    Page<Integer> first = Page.of(List.of(1, 2, 3), 0, 2);
    assertThat(first.items()).containsExactly(1, 2);
    assertThat(Page.offset(first.nextToken())).isEqualTo(2);
    assertThat(Page.of(List.of(3), 2, 2).nextToken()).isEmpty();
  }

  @Test
  void pageSizeDefaultsAndIsCapped() {
    assertThat(Page.size(0)).isEqualTo(Page.DEFAULT_SIZE);
    assertThat(Page.size(10_000)).isEqualTo(500);
  }

  @Test
  void garbledOrNegativeTokenIsRefusedNamingTheField() {
    String negative =
        java.util.Base64.getUrlEncoder()
            .encodeToString("-4".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String token : List.of("not base64!", negative)) {
      assertThatThrownBy(() -> Page.offset(token))
          .isInstanceOfSatisfying(
              InvalidArgumentException.class,
              e -> assertThat(e.field()).isEqualTo("page.page_token"));
    }
  }
}
