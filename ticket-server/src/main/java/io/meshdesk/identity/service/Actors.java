package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.ServiceAccount;
import io.meshdesk.identity.domain.User;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;

/** Turns the caller's principal into an audit actor with a display name captured now. */
final class Actors {

  private Actors() {}

  /** Resolves the name in the unit's scope; falls back to the role name. */
  static Actor of(UnitOfWork unit, Principal p) {
    String id = p.subject().toString();
    String name =
        switch (p.role()) {
          case PLATFORM_ADMIN ->
              unit.users().findAdmin(p.subject()).map(User::displayName).orElse(null);
          case SERVICE ->
              unit.serviceAccounts()
                  .find(p.subject(), p.tenantId() == null)
                  .map(ServiceAccount::name)
                  .orElse(null);
          default -> unit.users().find(p.subject()).map(User::displayName).orElse(null);
        };
    Actor.Kind kind = p.role() == Role.SERVICE ? Actor.Kind.SERVICE_ACCOUNT : Actor.Kind.USER;
    return new Actor(kind, id, name == null ? p.role().claim() : name);
  }
}
