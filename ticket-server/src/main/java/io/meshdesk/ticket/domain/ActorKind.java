package io.meshdesk.ticket.domain;

/** What kind of principal did something recorded on a ticket. */
public enum ActorKind {
  /** A person signed in with a password. */
  USER(1),
  /** A service account, such as the AI worker. */
  SERVICE_ACCOUNT(2),
  /** The platform itself (the SLA checker). */
  SYSTEM(3);

  private final int number;

  ActorKind(int number) {
    this.number = number;
  }

  /** The stored and wire number of this kind. */
  public int number() {
    return number;
  }

  /** The kind with a stored or wire number. */
  public static ActorKind ofNumber(int number) {
    for (ActorKind k : values()) {
      if (k.number == number) {
        return k;
      }
    }
    throw new IllegalArgumentException("no actor kind " + number);
  }
}
