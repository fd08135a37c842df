package io.meshdesk.ticket.domain;

/** What a history entry records. */
public enum ChangeKind {
  CREATED(1),
  STATUS(2),
  PRIORITY(3),
  SUBJECT(4),
  ASSIGNEE(5),
  TEAM(6),
  TAGS(7),
  CUSTOM_FIELD(8),
  COMMENT(9),
  SUGGESTION(10),
  SUGGESTION_FEEDBACK(11),
  SLA_BREACH(12),
  MERGE(13);

  private final int number;

  ChangeKind(int number) {
    this.number = number;
  }

  /** The stored and wire number. */
  public int number() {
    return number;
  }

  /** The kind with a stored or wire number. */
  public static ChangeKind ofNumber(int number) {
    for (ChangeKind k : values()) {
      if (k.number == number) {
        return k;
      }
    }
    throw new IllegalArgumentException("no change kind " + number);
  }
}
