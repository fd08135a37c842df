package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.CreateServiceAccountRequest;
import io.meshdesk.api.identity.v1.CreateServiceAccountResponse;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.cli.common.Rpc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshctl service-accounts create}: prints the client secret, the only time it is shown. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a service account and print its client secret. The secret is shown only this once."
    })
@Rpc("meshdesk.identity.v1.IdentityService/CreateServiceAccount")
public final class ServiceAccountsCreateCommand extends IdentityCommand {

  @Option(
      names = "--name",
      required = true,
      description = "Short name: lowercase letters, digits, hyphens.")
  String name;

  @Option(names = "--description", defaultValue = "", description = "What the account is for.")
  String description;

  @Option(
      names = "--permission",
      required = true,
      description = "Permission to grant, e.g. tickets.read; repeat for several.")
  List<String> permissions;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    CreateServiceAccountResponse r =
        identity.createServiceAccount(
            CreateServiceAccountRequest.newBuilder()
                .setName(name)
                .setDescription(description)
                .addAllPermissions(permissions)
                .build());
    if (!out().human()) {
      out().print(r, () -> ServiceAccountsCommand.table(List.of(r.getServiceAccount())));
    } else {
      ServiceAccountsCommand.table(List.of(r.getServiceAccount())).print(System.out);
      System.out.println();
      System.out.println("Client id:     " + r.getServiceAccount().getClientId());
      System.out.println("Client secret: " + r.getClientSecret());
      System.out.println(
          "Store the client secret now: it is shown only this once and cannot be retrieved later.");
    }
    return 0;
  }
}
