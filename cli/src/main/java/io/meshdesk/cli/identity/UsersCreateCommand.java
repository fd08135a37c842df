package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.CreateUserRequest;
import io.meshdesk.api.identity.v1.CreateUserResponse;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.cli.common.Rpc;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshctl users create}. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a user in your tenant.",
      "Without --password-stdin or --prompt-password the user cannot sign in yet (e.g. a customer)."
    })
@Rpc("meshdesk.identity.v1.IdentityService/CreateUser")
public final class UsersCreateCommand extends IdentityCommand {

  @Option(names = "--email", required = true, description = "Sign-in email, unique in the tenant.")
  String email;

  @Option(names = "--display-name", required = true, description = "Name to show people.")
  String displayName;

  @Option(names = "--role", required = true, description = "${COMPLETION-CANDIDATES}.")
  UsersCommand.TenantRole role;

  @Option(names = "--team", description = "Team id (UUID); repeat for several.")
  List<String> teams = new ArrayList<>();

  @Option(
      names = "--password-stdin",
      description = "Read the initial password from standard input.")
  boolean passwordStdin;

  @Option(
      names = "--prompt-password",
      description = "Prompt for the initial password without echo.")
  boolean promptPassword;

  @Override
  protected void validate() {
    if (passwordStdin && promptPassword) {
      throw new IllegalArgumentException(
          "use either --password-stdin or --prompt-password, not both");
    }
  }

  @Override
  int run(IdentityServiceBlockingStub identity) {
    CreateUserRequest.Builder req =
        CreateUserRequest.newBuilder()
            .setEmail(email)
            .setDisplayName(displayName)
            .setRole(role.proto)
            .addAllTeamIds(teams);
    if (passwordStdin || promptPassword) {
      req.setPassword(new SecretInput().read(passwordStdin, "password", "--password-stdin"));
    }
    CreateUserResponse r = identity.createUser(req.build());
    out().print(r, () -> UsersCommand.table(List.of(r.getUser())));
    return 0;
  }
}
