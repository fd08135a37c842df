package io.meshdesk.ledger.domain;

/** State of a hold. */
public enum HoldStatus {
  /** Reserves available credit. */
  OPEN,
  /** Settled by a capture. */
  CAPTURED,
  /** Released by a void. */
  VOIDED,
  /** Released at its expiry. */
  EXPIRED
}
