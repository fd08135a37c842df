package io.meshdesk.ledger.audit;

/**
 * Hears how far a running audit has got, and tells it when nobody is waiting for the result any
 * more (the audit then stops with {@link AuditCancelledException}).
 */
public interface AuditListener {

  /** A listener that hears nothing and never cancels (the one-shot audit). */
  AuditListener NONE = progress -> {};

  /** Called when the audit starts, when each phase begins, and paced during the chain walk. */
  void progress(Progress progress);

  /** True when the audit should stop. Checked between phases and for every card walked. */
  default boolean cancelled() {
    return false;
  }

  /** The audit's phases, in the order it runs them. */
  enum Phase {
    HASH_CHAINS,
    ENTRIES,
    CARDS,
    HOLDS,
    REVERSALS,
    CURRENCIES,
    STATEMENTS,
    IDEMPOTENCY_KEYS
  }

  /**
   * How far the audit has got.
   *
   * @param phase the check running now
   * @param cardsChecked cards whose hash chain has been walked (all of them once the walk is over)
   * @param cardsTotal cards the audit covers
   * @param entriesChecked journal entries whose hash was recomputed
   * @param violationCount violations found so far
   */
  record Progress(
      Phase phase, long cardsChecked, long cardsTotal, long entriesChecked, long violationCount) {

    /** Position of the phase, 1 for the first. */
    public int phaseNumber() {
      return phase.ordinal() + 1;
    }

    /** How many phases an audit runs. */
    public static int phaseCount() {
      return Phase.values().length;
    }
  }
}
