package io.meshdesk.ticket.domain;

/** A deadline an SLA sets on a ticket. */
public enum SlaMetric {
  /** The support team's first public reply. */
  FIRST_RESPONSE,
  /** Solving the ticket. */
  RESOLUTION
}
