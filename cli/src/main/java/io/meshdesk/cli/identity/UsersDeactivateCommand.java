package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.DeactivateUserRequest;
import io.meshdesk.api.identity.v1.DeactivateUserResponse;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.cli.common.Rpc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl users deactivate ID}. */
@Command(
    name = "deactivate",
    mixinStandardHelpOptions = true,
    description = "Deactivate a user and end all of their sessions (admins only).")
@Rpc("meshdesk.identity.v1.IdentityService/DeactivateUser")
public final class UsersDeactivateCommand extends IdentityCommand {

  @Parameters(index = "0", paramLabel = "USER_ID", description = "User id (UUID).")
  String userId;

  @Option(names = "--reason", defaultValue = "", description = "Why; kept in the audit log.")
  String reason;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    DeactivateUserResponse r =
        identity.deactivateUser(
            DeactivateUserRequest.newBuilder().setUserId(userId).setReason(reason).build());
    out().print(r, () -> UsersCommand.table(List.of(r.getUser())));
    return 0;
  }
}
