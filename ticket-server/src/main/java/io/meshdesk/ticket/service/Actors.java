package io.meshdesk.ticket.service;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
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
      return Actor.newBuilder()
          .setKind(ActorKind.ACTOR_KIND_SERVICE_ACCOUNT)
          .setId(p.subject().toString())
          .setDisplayName("service")
          .build();
    }
    String name =
        names.computeIfAbsent(p.subject(), id -> users.displayName(p.requireTenant(), id));
    return Actor.newBuilder()
        .setKind(ActorKind.ACTOR_KIND_USER)
        .setId(p.subject().toString())
        .setDisplayName(name)
        .build();
  }
}
