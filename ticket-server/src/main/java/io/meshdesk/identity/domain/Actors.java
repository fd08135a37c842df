package io.meshdesk.identity.domain;

import io.meshdesk.identity.persistence.ServiceAccountStore;
import io.meshdesk.identity.persistence.UserStore;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import java.sql.Connection;
import java.sql.SQLException;

/** Turns the caller's principal into an audit actor with a display name captured now. */
final class Actors {

  private static final UserStore USERS = new UserStore();
  private static final ServiceAccountStore ACCOUNTS = new ServiceAccountStore();

  private Actors() {}

  /** Resolves the name in the current transaction's scope; falls back to the role name. */
  static Actor of(Connection c, Principal p) throws SQLException {
    String id = p.subject().toString();
    String name =
        switch (p.role()) {
          case PLATFORM_ADMIN -> USERS.findAdmin(c, p.subject()).map(User::displayName).orElse(null);
          case SERVICE -> ACCOUNTS.find(c, p.subject(), p.tenantId() == null).map(ServiceAccount::name).orElse(null);
          default -> USERS.find(c, p.subject()).map(User::displayName).orElse(null);
        };
    Actor.Kind kind = p.role() == Role.SERVICE ? Actor.Kind.SERVICE_ACCOUNT : Actor.Kind.USER;
    return new Actor(kind, id, name == null ? p.role().claim() : name);
  }
}
