package io.meshdesk.reminder.domain;

/** How a reminder is delivered. */
public enum Channel {
  /** E-mail over SMTP. */
  EMAIL,
  /** Signed JSON POST to a URL. */
  WEBHOOK
}
