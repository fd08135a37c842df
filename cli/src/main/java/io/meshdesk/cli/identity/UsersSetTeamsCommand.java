package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.UpdateUserTeamsRequest;
import io.meshdesk.api.identity.v1.UpdateUserTeamsResponse;
import io.meshdesk.cli.common.Rpc;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl users set-teams ID --team T1 --team T2 | --none}. */
@Command(
    name = "set-teams",
    mixinStandardHelpOptions = true,
    description = "Replace the set of teams a user belongs to.")
@Rpc("meshdesk.identity.v1.IdentityService/UpdateUserTeams")
public final class UsersSetTeamsCommand extends IdentityCommand {

  @Parameters(index = "0", paramLabel = "USER_ID", description = "User id (UUID).")
  String userId;

  @Option(
      names = "--team",
      description = "Team id (UUID); repeat for several. The list replaces the current one.")
  List<String> teams = new ArrayList<>();

  @Option(names = "--none", description = "Remove the user from every team.")
  boolean none;

  @Override
  protected void validate() {
    if (none == !teams.isEmpty()) {
      throw new IllegalArgumentException("give either one or more --team or --none");
    }
  }

  @Override
  int run(IdentityServiceBlockingStub identity) {
    UpdateUserTeamsResponse r =
        identity.updateUserTeams(
            UpdateUserTeamsRequest.newBuilder().setUserId(userId).addAllTeamIds(teams).build());
    out().print(r, () -> UsersCommand.table(List.of(r.getUser())));
    return 0;
  }
}
