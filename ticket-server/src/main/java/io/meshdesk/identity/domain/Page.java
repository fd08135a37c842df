package io.meshdesk.identity.domain;

import java.util.List;

/**
 * One page of a list and the token of the next one (empty when last).
 *
 * @param <T> item type
 */
public record Page<T>(List<T> items, String nextToken) {

  /** Default and maximum page sizes. */
  public static final int DEFAULT_SIZE = 50;

  /** Effective page size for a request value (0 means default). */
  public static int size(int requested) {
    return requested <= 0 ? DEFAULT_SIZE : Math.min(requested, 500);
  }

  /** Decodes a page token into an offset (empty: 0). */
  public static int offset(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      int offset =
          Integer.parseInt(
              new String(
                  java.util.Base64.getUrlDecoder().decode(token),
                  java.nio.charset.StandardCharsets.UTF_8));
      if (offset < 0) {
        throw new IllegalArgumentException("negative offset");
      }
      return offset;
    } catch (IllegalArgumentException e) {
      throw new io.meshdesk.platform.errors.InvalidArgumentException(
          "page.page_token", "invalid page token");
    }
  }

  /** Builds a page from {@code size + 1} fetched rows starting at {@code offset}. */
  public static <T> Page<T> of(List<T> fetched, int offset, int size) {
    if (fetched.size() <= size) {
      return new Page<>(fetched, "");
    }
    String next =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                Integer.toString(offset + size).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new Page<>(fetched.subList(0, size), next);
  }
}
