package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.WhoAmIRequest;
import io.meshdesk.api.identity.v1.WhoAmIResponse;
import io.meshdesk.cli.common.Credentials;
import io.meshdesk.cli.common.Rpc;
import picocli.CommandLine.Command;

/** {@code meshctl whoami}: shows who the current token belongs to. */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description =
        "Show the principal of the current token (--token, $MESHDESK_TOKEN or the saved session).")
@Rpc("meshdesk.identity.v1.IdentityService/WhoAmI")
public final class WhoAmICommand extends IdentityCommand {

  @Override
  int run(IdentityServiceBlockingStub identity) {
    WhoAmIResponse r = identity.whoAmI(WhoAmIRequest.getDefaultInstance());
    String slug =
        client
            .sessionStore()
            .load()
            .filter(c -> c.email().equalsIgnoreCase(r.getPrincipal().getEmail()))
            .map(Credentials::tenant)
            .orElse("");
    if (out().human()) {
      PrincipalView.print(out(), r.getPrincipal(), slug, null);
    } else {
      out().print(r, () -> PrincipalView.table(r.getPrincipal(), slug));
    }
    return 0;
  }
}
