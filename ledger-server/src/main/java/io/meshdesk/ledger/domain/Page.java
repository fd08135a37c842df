package io.meshdesk.ledger.domain;

import io.meshdesk.platform.errors.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a keyset-paged list.
 *
 * @param items the items
 * @param nextToken the token of the next page, empty on the last page
 */
public record Page<T>(List<T> items, String nextToken) {

  /** Default page size. */
  public static final int DEFAULT_SIZE = 50;

  /** The effective page size of a request (0 means the default). */
  public static int size(int requested) {
    return requested <= 0 ? DEFAULT_SIZE : Math.min(requested, 500);
  }

  /** Encodes a sort position as an opaque token. */
  public static String token(String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a token to its sort position; empty for none; INVALID_ARGUMENT when malformed. */
  public static String position(String token) {
    if (token == null || token.isEmpty()) {
      return "";
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("page.page_token", "malformed page token");
    }
  }

  /** Cuts a list read with one extra row into a page, the token naming the last item's position. */
  public static <T> Page<T> of(List<T> rows, int size, java.util.function.Function<T, String> position) {
    if (rows.size() <= size) {
      return new Page<>(List.copyOf(rows), "");
    }
    List<T> items = List.copyOf(rows.subList(0, size));
    return new Page<>(items, token(position.apply(items.getLast())));
  }
}
