package io.meshdesk.ledger.domain;

import io.meshdesk.platform.errors.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

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
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a token to its sort position; empty for none; INVALID_ARGUMENT when it is not base64url
   * of UTF-8 text without NUL (a position is compared with text columns).
   */
  public static String position(String token) {
    if (token == null || token.isEmpty()) {
      return "";
    }
    try {
      byte[] raw = Base64.getUrlDecoder().decode(token);
      String position =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw))
              .toString();
      if (position.indexOf('\0') >= 0) {
        throw malformed();
      }
      return position;
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw malformed();
    }
  }

  /** Decodes a token whose position is {@code <instant>|<uuid>}; empty for none. */
  public static String keysetPosition(String token) {
    String position = position(token);
    if (!position.isEmpty()) {
      String[] parts = position.split("\\|", -1);
      try {
        if (parts.length != 2) {
          throw malformed();
        }
        Instant.parse(parts[0]);
        UUID.fromString(parts[1]);
      } catch (DateTimeException | IllegalArgumentException e) {
        throw malformed();
      }
    }
    return position;
  }

  /** Decodes a token whose position is a non-negative sequence number; empty for none. */
  public static String sequencePosition(String token) {
    String position = position(token);
    if (!position.isEmpty() && !position.matches("[0-9]{1,18}")) {
      throw malformed();
    }
    return position;
  }

  /** Decodes a token whose position is an ISO date; empty for none. */
  public static String datePosition(String token) {
    String position = position(token);
    if (!position.isEmpty()) {
      try {
        LocalDate.parse(position);
      } catch (DateTimeException e) {
        throw malformed();
      }
    }
    return position;
  }

  private static InvalidArgumentException malformed() {
    return new InvalidArgumentException("page.page_token", "malformed page token");
  }

  /** Cuts a list read with one extra row into a page, the token naming the last item's position. */
  public static <T> Page<T> of(
      List<T> rows, int size, java.util.function.Function<T, String> position) {
    if (rows.size() <= size) {
      return new Page<>(List.copyOf(rows), "");
    }
    List<T> items = List.copyOf(rows.subList(0, size));
    return new Page<>(items, token(position.apply(items.getLast())));
  }
}
