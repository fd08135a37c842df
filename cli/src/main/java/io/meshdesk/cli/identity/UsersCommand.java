package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.Role;
import io.meshdesk.api.identity.v1.User;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Table;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code meshctl users}: users of the caller's tenant. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage users of your tenant.",
    subcommands = {
      UsersCreateCommand.class,
      UsersListCommand.class,
      UsersGetCommand.class,
      UsersSetRoleCommand.class,
      UsersSetTeamsCommand.class,
      UsersDeactivateCommand.class
    })
public final class UsersCommand {

  /** Roles a tenant user can have. */
  enum TenantRole {
    admin(Role.ROLE_ADMIN),
    manager(Role.ROLE_MANAGER),
    agent(Role.ROLE_AGENT),
    customer(Role.ROLE_CUSTOMER);

    final Role proto;

    TenantRole(Role proto) {
      this.proto = proto;
    }
  }

  /** The user table. */
  static Table table(List<User> users) {
    Table t = new Table("ID", "EMAIL", "NAME", "ROLE", "STATUS", "TEAMS", "LAST LOGIN");
    for (User u : users) {
      t.row(
          u.getId(),
          u.getEmail(),
          u.getDisplayName(),
          Formats.role(u.getRole()),
          Formats.enumWord(u.getStatus().name(), "USER_STATUS_"),
          Formats.list(u.getTeamIdsList()),
          Formats.time(u.hasLastLoginAt(), u.getLastLoginAt()));
    }
    return t;
  }
}
