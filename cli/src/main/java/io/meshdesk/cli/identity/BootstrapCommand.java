package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.BootstrapRequest;
import io.meshdesk.api.identity.v1.BootstrapResponse;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.cli.common.Credentials;
import io.meshdesk.cli.common.CredentialsStore;
import io.meshdesk.cli.common.Rpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshctl bootstrap}: creates the first platform admin of a fresh installation. */
@Command(
    name = "bootstrap",
    mixinStandardHelpOptions = true,
    description = {
      "Create the first platform admin with the one-time bootstrap token printed at first start, and sign in.",
      "Token: --token-stdin (first line of standard input) or $MESHDESK_BOOTSTRAP_TOKEN.",
      "Password: prompted without echo, or --password-stdin (next line of standard input)."
    })
@Rpc("meshdesk.identity.v1.IdentityService/Bootstrap")
public final class BootstrapCommand extends IdentityCommand {

  @Option(names = "--email", required = true, description = "Email of the first platform admin.")
  String email;

  @Option(names = "--display-name", required = true, description = "Name to show people.")
  String displayName;

  @Option(names = "--token-stdin", description = "Read the bootstrap token from standard input.")
  boolean tokenStdin;

  @Option(
      names = "--password-stdin",
      description = "Read the password from standard input (after the token, if both).")
  boolean passwordStdin;

  @Override
  boolean authenticated() {
    return false;
  }

  @Override
  int run(IdentityServiceBlockingStub identity) {
    SecretInput in = new SecretInput();
    String token =
        tokenStdin ? in.line("bootstrap token") : System.getenv("MESHDESK_BOOTSTRAP_TOKEN");
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "no bootstrap token: use --token-stdin or set MESHDESK_BOOTSTRAP_TOKEN");
    }
    String password = in.read(passwordStdin, "password", "--password-stdin");
    BootstrapResponse r =
        identity.bootstrap(
            BootstrapRequest.newBuilder()
                .setBootstrapToken(token.strip())
                .setEmail(email)
                .setPassword(password)
                .setDisplayName(displayName)
                .build());
    CredentialsStore store = client.sessionStore();
    store.save(Credentials.of(client.target(), client.tls(), r.getTokens(), r.getPrincipal(), ""));
    PrincipalView.print(
        out(),
        r.getPrincipal(),
        "",
        "Platform admin created and logged in; session saved to " + store.file());
    return 0;
  }
}
