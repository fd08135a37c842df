package io.meshdesk.ticket.events;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.persistence.CounterStore;
import io.meshdesk.ticket.persistence.RoutedEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Publishes outbox events that the after-commit path did not (the process died, or Redis was down),
 * oldest first, then marks them published. Subscribers drop duplicates by sequence.
 */
public final class OutboxRelay {

  private final Transactions tx;
  private final Publisher publisher;
  private final Duration minAge;

  public OutboxRelay(Transactions tx, Publisher publisher, Duration minAge) {
    this.tx = tx;
    this.publisher = publisher;
    this.minAge = minAge;
  }

  /** One sweep over every tenant; returns how many events were published. */
  public int runOnce() {
    int published = 0;
    for (UUID tenant : tx.withoutTenant(CounterStore::sweepTenants)) {
      while (true) {
        List<RoutedEvent> batch =
            tx.inTenant(tenant, c -> Outbox.unpublished(c, minAge.toMillis(), 500));
        if (batch.isEmpty()) {
          break;
        }
        int ok = 0;
        for (RoutedEvent e : batch) {
          if (!publisher.publishNow(e)) {
            break;
          }
          ok++;
        }
        long[] seqs = batch.subList(0, ok).stream().mapToLong(RoutedEvent::sequence).toArray();
        if (seqs.length > 0) {
          tx.inTenant(
              tenant,
              c -> {
                Outbox.markPublished(c, seqs);
                return null;
              });
        }
        published += ok;
        if (ok < batch.size()) {
          return published; // Redis refuses: try again next sweep
        }
      }
    }
    return published;
  }
}
