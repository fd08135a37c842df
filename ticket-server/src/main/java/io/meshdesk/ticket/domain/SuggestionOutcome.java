package io.meshdesk.ticket.domain;

/** What an agent did with an AI suggestion. */
public enum SuggestionOutcome {
  ACCEPTED(1),
  EDITED(2),
  DISCARDED(3);

  private final int number;

  SuggestionOutcome(int number) {
    this.number = number;
  }

  /** The stored and wire number. */
  public int number() {
    return number;
  }

  /** The outcome with a stored or wire number. */
  public static SuggestionOutcome ofNumber(int number) {
    for (SuggestionOutcome o : values()) {
      if (o.number == number) {
        return o;
      }
    }
    throw new IllegalArgumentException("no suggestion outcome " + number);
  }
}
