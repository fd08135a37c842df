package io.meshdesk.ledger.statement;

/** A balance segment with its own APR; interest is computed per segment. */
public enum Segment {
  /** Purchases, fees and posted interest; has a grace period. */
  PURCHASE,
  /** Cash advances; never has a grace period. */
  CASH_ADVANCE
}
