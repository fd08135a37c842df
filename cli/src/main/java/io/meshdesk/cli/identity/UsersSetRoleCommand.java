package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.UpdateUserRoleRequest;
import io.meshdesk.api.identity.v1.UpdateUserRoleResponse;
import io.meshdesk.cli.common.Rpc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl users set-role ID --role ROLE}. */
@Command(
    name = "set-role",
    mixinStandardHelpOptions = true,
    description =
        "Change a user's role (admins only); tokens already issued keep the old role until they expire.")
@Rpc("meshdesk.identity.v1.IdentityService/UpdateUserRole")
public final class UsersSetRoleCommand extends IdentityCommand {

  @Parameters(index = "0", paramLabel = "USER_ID", description = "User id (UUID).")
  String userId;

  @Option(names = "--role", required = true, description = "${COMPLETION-CANDIDATES}.")
  UsersCommand.TenantRole role;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    UpdateUserRoleResponse r =
        identity.updateUserRole(
            UpdateUserRoleRequest.newBuilder().setUserId(userId).setRole(role.proto).build());
    out().print(r, () -> UsersCommand.table(List.of(r.getUser())));
    return 0;
  }
}
