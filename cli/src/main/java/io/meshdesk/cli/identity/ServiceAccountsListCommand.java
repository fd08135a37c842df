package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.ListServiceAccountsRequest;
import io.meshdesk.api.identity.v1.ListServiceAccountsResponse;
import io.meshdesk.cli.common.PageOptions;
import io.meshdesk.cli.common.Rpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshctl service-accounts list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List service accounts of your tenant (platform ones for platform admins).")
@Rpc("meshdesk.identity.v1.IdentityService/ListServiceAccounts")
public final class ServiceAccountsListCommand extends IdentityCommand {

  @Option(names = "--include-revoked", description = "Also list revoked accounts.")
  boolean includeRevoked;

  @Mixin PageOptions page;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    ListServiceAccountsResponse r =
        identity.listServiceAccounts(
            ListServiceAccountsRequest.newBuilder()
                .setPage(page.request())
                .setIncludeRevoked(includeRevoked)
                .build());
    page.print(
        out(), r, () -> ServiceAccountsCommand.table(r.getServiceAccountsList()), r.getPage());
    return 0;
  }
}
