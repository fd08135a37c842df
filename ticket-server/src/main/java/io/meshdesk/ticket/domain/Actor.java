package io.meshdesk.ticket.domain;

/**
 * Who did something recorded in a ticket's history, events or settings.
 *
 * @param id the user or service account id ({@code ""} for the system)
 * @param displayName the name shown to people, as it was when the action happened
 */
public record Actor(ActorKind kind, String id, String displayName) {

  /** The platform itself, the actor of SLA breaches. */
  public static final Actor SYSTEM = new Actor(ActorKind.SYSTEM, "", "Meshdesk");
}
