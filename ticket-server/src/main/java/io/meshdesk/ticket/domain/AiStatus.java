package io.meshdesk.ticket.domain;

/** Where a ticket's AI triage and draft stand. */
public enum AiStatus {
  /** Not recorded. */
  UNSPECIFIED(0),
  /** A job is queued. */
  PENDING(1),
  /** A draft is being written. */
  DRAFTING(2),
  /** A suggestion is attached. */
  READY(3),
  /** No suggestion will come. */
  UNAVAILABLE(4);

  private final int number;

  AiStatus(int number) {
    this.number = number;
  }

  /** The stored and wire number. */
  public int number() {
    return number;
  }

  /** The status with a stored or wire number. */
  public static AiStatus ofNumber(int number) {
    for (AiStatus s : values()) {
      if (s.number == number) {
        return s;
      }
    }
    throw new IllegalArgumentException("no AI status " + number);
  }
}
