package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.GetUserRequest;
import io.meshdesk.api.identity.v1.GetUserResponse;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.cli.common.Rpc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meshctl users get ID}. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Show one user of your tenant.")
@Rpc("meshdesk.identity.v1.IdentityService/GetUser")
public final class UsersGetCommand extends IdentityCommand {

  @Parameters(index = "0", paramLabel = "USER_ID", description = "User id (UUID).")
  String userId;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    GetUserResponse r = identity.getUser(GetUserRequest.newBuilder().setUserId(userId).build());
    out().print(r, () -> UsersCommand.table(List.of(r.getUser())));
    return 0;
  }
}
