package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.RevokeServiceAccountRequest;
import io.meshdesk.api.identity.v1.RevokeServiceAccountResponse;
import io.meshdesk.cli.common.Rpc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl service-accounts revoke ID}. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke a service account: its secret stops working.")
@Rpc("meshdesk.identity.v1.IdentityService/RevokeServiceAccount")
public final class ServiceAccountsRevokeCommand extends IdentityCommand {

  @Parameters(
      index = "0",
      paramLabel = "SERVICE_ACCOUNT_ID",
      description = "Service account id (UUID).")
  String id;

  @Option(names = "--reason", defaultValue = "", description = "Why; kept in the audit log.")
  String reason;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    RevokeServiceAccountResponse r =
        identity.revokeServiceAccount(
            RevokeServiceAccountRequest.newBuilder()
                .setServiceAccountId(id)
                .setReason(reason)
                .build());
    out().print(r, () -> ServiceAccountsCommand.table(List.of(r.getServiceAccount())));
    return 0;
  }
}
