package io.meshdesk.ledger.domain;

/** State of a card. */
public enum CardStatus {
  /** Accepts everything. */
  ACTIVE,
  /** Declines new spending; credits, captures and fees still post. */
  FROZEN,
  /** Final: only payments and refunds post. */
  CLOSED
}
