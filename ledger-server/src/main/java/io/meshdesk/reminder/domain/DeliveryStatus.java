package io.meshdesk.reminder.domain;

/** State of a delivery row. */
public enum DeliveryStatus {
  /** Scheduled, not attempted yet. */
  PENDING,
  /** Failed at least once; another attempt is scheduled. */
  RETRYING,
  /** Accepted by the mail server or the webhook. */
  DELIVERED,
  /** Every attempt of its budget failed. */
  DEAD_LETTERED,
  /** Not sent: the rule was deleted or the condition no longer held. */
  CANCELLED
}
