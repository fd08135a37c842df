package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.Tenant;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Table;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code meshctl tenants}: the installation's tenants (platform admins). */
@Command(
    name = "tenants",
    mixinStandardHelpOptions = true,
    description = "Manage tenants (platform admins only).",
    subcommands = {
      TenantsCreateCommand.class,
      TenantsListCommand.class,
      TenantsGetCommand.class,
      TenantsSuspendCommand.class,
      TenantsReactivateCommand.class
    })
public final class TenantsCommand {

  /** The tenant table. */
  static Table table(List<Tenant> tenants) {
    Table t =
        new Table("ID", "SLUG", "NAME", "TIME ZONE", "STATUS", "CREATED", "SUSPENSION REASON");
    for (Tenant x : tenants) {
      t.row(
          x.getId(),
          x.getSlug(),
          x.getDisplayName(),
          x.getTimeZone(),
          Formats.enumWord(x.getStatus().name(), "TENANT_STATUS_"),
          Formats.time(x.hasCreatedAt(), x.getCreatedAt()),
          Formats.text(x.getSuspensionReason()));
    }
    return t;
  }
}
