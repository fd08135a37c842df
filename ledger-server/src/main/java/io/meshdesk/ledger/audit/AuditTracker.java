package io.meshdesk.ledger.audit;

import io.meshdesk.ledger.audit.AuditListener.Phase;
import io.meshdesk.ledger.audit.AuditListener.Progress;
import java.util.concurrent.TimeUnit;

/**
 * Counts how far one audit has got and tells its listener at a bounded rate: when a phase begins,
 * and during the chain walk after every further 1 % of the cards or {@link #INTERVAL_NANOS},
 * whichever comes first. Stops the audit when the listener cancels it.
 */
final class AuditTracker {

  static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** Entries walked between two looks at the clock and the listener inside one long chain. */
  private static final int ENTRY_STRIDE = 256;

  private final AuditListener listener;
  private final ViolationCollector violations;
  private final long cardsTotal;
  private Phase phase = Phase.HASH_CHAINS;
  private long cardsWalked;
  private long entries;
  private long lastPercent;
  private long lastReport;

  AuditTracker(AuditListener listener, ViolationCollector violations, long cardsTotal) {
    this.listener = listener;
    this.violations = violations;
    this.cardsTotal = cardsTotal;
  }

  /** Starts a phase and reports it. */
  void begin(Phase next) {
    stopIfCancelled();
    phase = next;
    report();
  }

  /** One more journal entry hashed. */
  void entryWalked() {
    entries++;
    if (entries % ENTRY_STRIDE == 0) {
      stopIfCancelled();
      if (System.nanoTime() - lastReport >= INTERVAL_NANOS) {
        report();
      }
    }
  }

  /** One more card's chain walked to its end. */
  void cardWalked() {
    stopIfCancelled();
    cardsWalked = Math.min(cardsTotal, cardsWalked + 1);
    if (percent() > lastPercent || System.nanoTime() - lastReport >= INTERVAL_NANOS) {
      report();
    }
  }

  /** The walk is over: a card without entries has an empty chain, walked as well. */
  void walkDone() {
    cardsWalked = cardsTotal;
  }

  long entries() {
    return entries;
  }

  private long percent() {
    return cardsTotal == 0 ? 100 : cardsWalked * 100 / cardsTotal;
  }

  private void stopIfCancelled() {
    if (listener.cancelled()) {
      throw new AuditCancelledException();
    }
  }

  private void report() {
    lastReport = System.nanoTime();
    lastPercent = percent();
    listener.progress(new Progress(phase, cardsWalked, cardsTotal, entries, violations.count));
  }
}
