package io.meshdesk.identity.domain;

/** Who did something, as recorded in the audit log. */
public record Actor(Kind kind, String id, String displayName) {

  /** Kind of actor. */
  public enum Kind {
    USER,
    SERVICE_ACCOUNT,
    SYSTEM
  }

  /** The platform itself. */
  public static Actor system() {
    return new Actor(Kind.SYSTEM, "", "system");
  }
}
