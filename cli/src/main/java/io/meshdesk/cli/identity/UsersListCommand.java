package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.ListUsersRequest;
import io.meshdesk.api.identity.v1.ListUsersResponse;
import io.meshdesk.api.identity.v1.UserStatus;
import io.meshdesk.cli.common.PageOptions;
import io.meshdesk.cli.common.Rpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshctl users list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List users of your tenant, by display name.")
@Rpc("meshdesk.identity.v1.IdentityService/ListUsers")
public final class UsersListCommand extends IdentityCommand {

  /** Status filter values. */
  enum StatusFilter {
    active,
    deactivated
  }

  @Option(names = "--role", description = "Only this role: ${COMPLETION-CANDIDATES}.")
  UsersCommand.TenantRole role;

  @Option(names = "--status", description = "Only this state: ${COMPLETION-CANDIDATES}.")
  StatusFilter status;

  @Option(names = "--team", description = "Only members of this team (UUID).", defaultValue = "")
  String team;

  @Option(names = "--query", description = "Prefix of email or display name.", defaultValue = "")
  String query;

  @Mixin PageOptions page;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    ListUsersRequest.Builder req =
        ListUsersRequest.newBuilder().setPage(page.request()).setTeamId(team).setQuery(query);
    if (role != null) {
      req.setRole(role.proto);
    }
    if (status != null) {
      req.setStatus(
          status == StatusFilter.active
              ? UserStatus.USER_STATUS_ACTIVE
              : UserStatus.USER_STATUS_DEACTIVATED);
    }
    ListUsersResponse r = identity.listUsers(req.build());
    page.print(out(), r, () -> UsersCommand.table(r.getUsersList()), r.getPage());
    return 0;
  }
}
