package io.meshdesk.ticket.domain;

/** Where a ticket stands in its lifecycle (see {@link Lifecycle}). */
public enum Status {
  NEW(1),
  OPEN(2),
  PENDING(3),
  SOLVED(4),
  CLOSED(5);

  private final int number;

  Status(int number) {
    this.number = number;
  }

  /** The stored and wire number of this status. */
  public int number() {
    return number;
  }

  /** The status with a stored or wire number. */
  public static Status ofNumber(int number) {
    for (Status s : values()) {
      if (s.number == number) {
        return s;
      }
    }
    throw new IllegalArgumentException("no ticket status " + number);
  }
}
