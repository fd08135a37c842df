package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.ServiceAccount;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Table;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code meshctl service-accounts}: non-human clients of your tenant (or platform ones). */
@Command(
    name = "service-accounts",
    mixinStandardHelpOptions = true,
    description = "Manage service accounts (client credentials).",
    subcommands = {
      ServiceAccountsCreateCommand.class,
      ServiceAccountsListCommand.class,
      ServiceAccountsRevokeCommand.class
    })
public final class ServiceAccountsCommand {

  /** The service account table (never a secret: only a hash is stored). */
  static Table table(List<ServiceAccount> accounts) {
    Table t =
        new Table("ID", "NAME", "CLIENT ID", "PERMISSIONS", "PLATFORM", "LAST USED", "REVOKED");
    for (ServiceAccount a : accounts) {
      t.row(
          a.getId(),
          a.getName(),
          a.getClientId(),
          Formats.list(a.getPermissionsList()),
          a.getPlatform() ? "yes" : "no",
          Formats.time(a.hasLastUsedAt(), a.getLastUsedAt()),
          Formats.time(a.hasRevokedAt(), a.getRevokedAt()));
    }
    return t;
  }
}
