package io.meshdesk.ticket.domain;

/** Why no AI suggestion will come for a job. */
public enum AiUnavailableReason {
  UNSPECIFIED(0),
  TIMEOUT(1),
  RATE_LIMITED(2),
  PROVIDER_ERROR(3),
  INVALID_OUTPUT(4),
  RETRIES_EXHAUSTED(5),
  DISABLED(6);

  private final int number;

  AiUnavailableReason(int number) {
    this.number = number;
  }

  /** The stored and wire number. */
  public int number() {
    return number;
  }

  /** The reason with a stored or wire number. */
  public static AiUnavailableReason ofNumber(int number) {
    for (AiUnavailableReason r : values()) {
      if (r.number == number) {
        return r;
      }
    }
    throw new IllegalArgumentException("no AI unavailable reason " + number);
  }
}
