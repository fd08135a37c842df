package io.meshdesk.ticket.domain;

/** How urgent a ticket is; SLA targets are set per priority. */
public enum Priority {
  LOW(1),
  NORMAL(2),
  HIGH(3),
  URGENT(4);

  private final int number;

  Priority(int number) {
    this.number = number;
  }

  /** The stored and wire number of this priority. */
  public int number() {
    return number;
  }

  /** The priority with a stored or wire number. */
  public static Priority ofNumber(int number) {
    for (Priority p : values()) {
      if (p.number == number) {
        return p;
      }
    }
    throw new IllegalArgumentException("no ticket priority " + number);
  }
}
