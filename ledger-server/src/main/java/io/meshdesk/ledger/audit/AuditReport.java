package io.meshdesk.ledger.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of an audit run.
 *
 * @param violations the violations listed (at most the requested number)
 * @param violationCount all violations found
 */
public record AuditReport(
    long cardsChecked,
    long entriesChecked,
    long postingsChecked,
    long holdsChecked,
    long statementsChecked,
    long violationCount,
    List<Violation> violations,
    Instant startedAt,
    Duration duration) {

  /** One broken invariant. */
  public record Violation(Kind kind, String entityType, String entityId, String detail) {}

  /** Which invariant (mirrors the contract's ViolationKind). */
  public enum Kind {
    UNBALANCED_ENTRY,
    HASH_MISMATCH,
    BROKEN_CHAIN,
    BALANCE_MISMATCH,
    OVER_LIMIT,
    HOLD_INCONSISTENT,
    CURRENCY_MISMATCH,
    STATEMENT_MISMATCH,
    DUPLICATE_IDEMPOTENCY_KEY,
    ORPHAN_TRANSACTION,
    REVERSAL_MISMATCH,
    DUPLICATE_REVERSAL
  }

  /** True when nothing was found. */
  public boolean passed() {
    return violationCount == 0;
  }

  /** True when more violations were found than listed. */
  public boolean truncated() {
    return violationCount > violations.size();
  }
}
