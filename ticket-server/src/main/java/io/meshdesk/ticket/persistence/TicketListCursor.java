package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.ticket.domain.TicketQuery;
import io.meshdesk.ticket.domain.TicketQuery.Order;
import io.meshdesk.ticket.domain.TicketRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The page tokens of one ticket list: an opaque token holds the sort key of the last row of a page
 * and a hash of the list's order and filters, so that a token only continues the list it came from.
 */
final class TicketListCursor {

  /** Where the previous page ended: the last row's sort key. */
  record Position(int priority, Instant key, UUID id) {}

  /** The sort key of a ticket without a resolution deadline (they sort last). */
  static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

  private final Order order;
  private final String filterHash;

  /** The cursor of {@code query}; {@code requesterOverride} (customers) counts as a filter. */
  TicketListCursor(TicketQuery query, UUID requesterOverride) {
    this.order = query.order();
    CRC32 crc = new CRC32();
    crc.update(query.filters().getBytes(StandardCharsets.UTF_8));
    crc.update(String.valueOf(requesterOverride).getBytes(StandardCharsets.UTF_8));
    this.filterHash = Long.toHexString(crc.getValue());
  }

  /** The token of the page that follows {@code last}. */
  String after(TicketRecord last) {
    Instant key = sortKey(last);
    long micros = key.getEpochSecond() * 1_000_000 + key.getNano() / 1000;
    String raw =
        "1|"
            + order.number()
            + "|"
            + filterHash
            + "|"
            + last.priority().number()
            + "|"
            + micros
            + "|"
            + last.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Where {@code token} continues; INVALID_ARGUMENT for a foreign or mangled token. */
  Position read(String token) {
    try {
      String[] p =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
      if (p.length != 6
          || !p[0].equals("1")
          || !p[1].equals(Integer.toString(order.number()))
          || !p[2].equals(filterHash)) {
        throw new IllegalArgumentException("mismatch");
      }
      UUID id = UUID.fromString(p[5]);
      long micros = Long.parseLong(p[4]);
      int priority = Integer.parseInt(p[3]);
      Instant key =
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
      return new Position(priority, key, id);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(
          "page.page_token", "not a token of this query (filters and order must not change)");
    }
  }

  private Instant sortKey(TicketRecord t) {
    return switch (order) {
      case RESOLUTION_DUE_ASC -> t.resolutionDueAt() != null ? t.resolutionDueAt() : NO_DEADLINE;
      case UPDATED_AT_DESC -> t.updatedAt();
      default -> t.createdAt();
    };
  }
}
