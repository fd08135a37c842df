package io.meshdesk.ticket.events;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.persistence.CounterStore;
import io.meshdesk.ticket.persistence.RoutedEvent;
import java.util.List;
import java.util.UUID;

/**
 * One tenant's outbox as a stream replays it: the latest committed sequence, and the events after a
 * sequence, one page per query.
 */
final class OutboxPages {

  private final Transactions tx;
  private final UUID tenant;
  private final int page;

  /**
   * @param page events read per query
   */
  OutboxPages(Transactions tx, UUID tenant, int page) {
    this.tx = tx;
    this.tenant = tenant;
    this.page = page;
  }

  /** The tenant's latest committed sequence (0 when none). */
  long latestSequence() {
    return tx.inTenant(tenant, CounterStore::latestSequence);
  }

  /** Up to a page of the events after {@code from} and up to {@code upTo}, in sequence order. */
  List<RoutedEvent> read(long from, long upTo) {
    return tx.inTenant(tenant, c -> Outbox.read(c, from, upTo, page));
  }

  /** Whether {@code batch}, read with {@link #read}, was the last page of what was asked. */
  boolean isLast(List<RoutedEvent> batch) {
    return batch.size() < page;
  }

  /**
   * Whether the events right after {@code from} were pruned: sequences are gap-free and all up to
   * {@code latest} are committed, so a first page that does not start right after {@code from} (or
   * is empty) lost them. A replay from 0 starts at the oldest retained event instead.
   */
  static boolean pruned(long from, long latest, List<RoutedEvent> firstPage) {
    return from > 0
        && from < latest
        && (firstPage.isEmpty() || firstPage.get(0).sequence() > from + 1);
  }
}
