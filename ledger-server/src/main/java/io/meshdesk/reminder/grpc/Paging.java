package io.meshdesk.reminder.grpc;

import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.common.v1.PageResponse;
import io.meshdesk.platform.errors.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Page tokens of the reminder service (opaque offsets; pages fetch one extra row to know if more
 * follow).
 */
final class Paging {

  private Paging() {}

  static int size(PageRequest p) {
    return p.getPageSize() <= 0 ? 50 : Math.min(p.getPageSize(), 500);
  }

  static int offset(PageRequest p) {
    String token = p.getPageToken();
    if (token.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!s.startsWith("r:")) {
        throw new IllegalArgumentException();
      }
      return Math.max(0, Integer.parseInt(s.substring(2)));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("page.page_token", "invalid page token");
    }
  }

  /** The page response for {@code fetched} (size + 1 rows asked) and trims the extra row. */
  static <T> List<T> trim(List<T> fetched, int size) {
    return fetched.size() > size ? fetched.subList(0, size) : fetched;
  }

  static <T> PageResponse response(List<T> fetched, int offset, int size) {
    if (fetched.size() <= size) {
      return PageResponse.getDefaultInstance();
    }
    String next =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("r:" + (offset + size)).getBytes(StandardCharsets.UTF_8));
    return PageResponse.newBuilder().setNextPageToken(next).build();
  }
}
