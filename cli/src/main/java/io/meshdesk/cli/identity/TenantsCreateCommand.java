package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.CreateTenantRequest;
import io.meshdesk.api.identity.v1.CreateTenantResponse;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.InitialAdmin;
import io.meshdesk.cli.common.Rpc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshctl tenants create}: a tenant with its first admin. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a tenant together with its first admin user.",
      "The admin's password is prompted without echo, or read with --admin-password-stdin."
    })
@Rpc("meshdesk.identity.v1.IdentityService/CreateTenant")
public final class TenantsCreateCommand extends IdentityCommand {

  @Option(
      names = "--slug",
      required = true,
      description = "URL-safe short name used at sign-in, e.g. acme.")
  String slug;

  @Option(names = "--display-name", required = true, description = "Name to show people.")
  String displayName;

  @Option(
      names = "--time-zone",
      defaultValue = "UTC",
      description = "IANA time zone (default: ${DEFAULT-VALUE}).")
  String timeZone;

  @Option(
      names = "--admin-email",
      required = true,
      description = "Email of the tenant's first admin.")
  String adminEmail;

  @Option(
      names = "--admin-display-name",
      required = true,
      description = "Name of the tenant's first admin.")
  String adminDisplayName;

  @Option(
      names = "--admin-password-stdin",
      description = "Read the admin's password from standard input.")
  boolean passwordStdin;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    String password =
        new SecretInput().read(passwordStdin, "admin password", "--admin-password-stdin");
    CreateTenantResponse r =
        identity.createTenant(
            CreateTenantRequest.newBuilder()
                .setSlug(slug)
                .setDisplayName(displayName)
                .setTimeZone(timeZone)
                .setInitialAdmin(
                    InitialAdmin.newBuilder()
                        .setEmail(adminEmail)
                        .setDisplayName(adminDisplayName)
                        .setPassword(password))
                .build());
    out().print(r, () -> TenantsCommand.table(List.of(r.getTenant())));
    return 0;
  }
}
