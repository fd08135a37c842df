package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.ServiceAccount;
import io.meshdesk.identity.domain.User;
import io.meshdesk.identity.persistence.ServiceAccountStore;
import io.meshdesk.identity.persistence.UserStore;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import java.sql.Connection;
import java.sql.SQLException;

/** Turns the caller's principal into an audit actor with a display name captured now. */
final class Actors {

  private final UserStore users;
  private final ServiceAccountStore accounts;

  Actors(UserStore users, ServiceAccountStore accounts) {
    this.users = users;
    this.accounts = accounts;
  }

  /** Resolves the name in the current transaction's scope; falls back to the role name. */
  Actor of(Connection c, Principal p) throws SQLException {
    String id = p.subject().toString();
    String name =
        switch (p.role()) {
          case PLATFORM_ADMIN ->
              users.findAdmin(c, p.subject()).map(User::displayName).orElse(null);
          case SERVICE ->
              accounts
                  .find(c, p.subject(), p.tenantId() == null)
                  .map(ServiceAccount::name)
                  .orElse(null);
          default -> users.find(c, p.subject()).map(User::displayName).orElse(null);
        };
    Actor.Kind kind = p.role() == Role.SERVICE ? Actor.Kind.SERVICE_ACCOUNT : Actor.Kind.USER;
    return new Actor(kind, id, name == null ? p.role().claim() : name);
  }
}
