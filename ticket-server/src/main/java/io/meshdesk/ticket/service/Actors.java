package io.meshdesk.ticket.service;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ActorKind;
import io.meshdesk.ticket.domain.UserDirectory;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Turns principals into the {@link Actor}s recorded in history and events (names cached). */
public final class Actors {

  private final UserDirectory users;
  private final Map<UUID, String> names = new ConcurrentHashMap<>();

  public Actors(UserDirectory users) {
    this.users = users;
  }

  /** The actor of a principal. */
  public Actor of(Principal p) {
    if (p.role() == Role.SERVICE) {
      return new Actor(ActorKind.SERVICE_ACCOUNT, p.subject().toString(), "service");
    }
    String name =
        names.computeIfAbsent(p.subject(), id -> users.displayName(p.requireTenant(), id));
    return new Actor(ActorKind.USER, p.subject().toString(), name);
  }
}
