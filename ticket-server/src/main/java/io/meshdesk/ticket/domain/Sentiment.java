package io.meshdesk.ticket.domain;

/** The sentiment the AI read in a ticket. */
public enum Sentiment {
  /** Not assessed. */
  UNSPECIFIED(0),
  NEGATIVE(1),
  NEUTRAL(2),
  POSITIVE(3);

  private final int number;

  Sentiment(int number) {
    this.number = number;
  }

  /** The stored and wire number. */
  public int number() {
    return number;
  }

  /** The sentiment with a stored or wire number. */
  public static Sentiment ofNumber(int number) {
    for (Sentiment s : values()) {
      if (s.number == number) {
        return s;
      }
    }
    throw new IllegalArgumentException("no sentiment " + number);
  }
}
