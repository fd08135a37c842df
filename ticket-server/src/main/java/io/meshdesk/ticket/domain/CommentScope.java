package io.meshdesk.ticket.domain;

/** Which comments of a ticket a reader asks for, or is shown. */
public enum CommentScope {
  /** Every comment the reader may see. */
  ALL(0),
  /** Public replies only. */
  PUBLIC(1),
  /** Internal notes only (support staff). */
  INTERNAL(2);

  private final int number;

  CommentScope(int number) {
    this.number = number;
  }

  /** The stored and wire number of this scope (0: no filter). */
  public int number() {
    return number;
  }

  /** The scope with a stored or wire number. */
  public static CommentScope ofNumber(int number) {
    for (CommentScope s : values()) {
      if (s.number == number) {
        return s;
      }
    }
    throw new IllegalArgumentException("no comment scope " + number);
  }
}
