package io.meshdesk.reminder.domain;

/** What triggers a reminder. */
public enum ReminderKind {
  /** Days before the payment due date while the minimum payment is unpaid. */
  DAYS_BEFORE_DUE,
  /** A statement was generated. */
  STATEMENT_READY,
  /** A payment was posted. */
  PAYMENT_RECEIVED,
  /** Balance plus holds rose above a share of the credit limit. */
  UTILIZATION_ABOVE
}
