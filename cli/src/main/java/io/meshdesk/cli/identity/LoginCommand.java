package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.LoginRequest;
import io.meshdesk.api.identity.v1.LoginResponse;
import io.meshdesk.cli.common.Credentials;
import io.meshdesk.cli.common.CredentialsStore;
import io.meshdesk.cli.common.Rpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshctl login}: signs in and saves the session for later commands. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Sign in with email and password and save the session of the context (mode 0600).",
      "The password is prompted without echo, or read from standard input with --password-stdin."
    })
@Rpc("meshdesk.identity.v1.IdentityService/Login")
public final class LoginCommand extends IdentityCommand {

  @Option(
      names = "--tenant",
      description =
          "Tenant slug (default: the context's tenant); omit, or pass \"\", to sign in as a"
              + " platform admin.")
  String tenant;

  @Option(names = "--email", required = true, description = "Sign-in email.")
  String email;

  @Option(
      names = "--password-stdin",
      description = "Read the password from the first line of standard input.")
  boolean passwordStdin;

  @Override
  boolean authenticated() {
    return false;
  }

  @Override
  int run(IdentityServiceBlockingStub identity) {
    String password = new SecretInput().read(passwordStdin, "password", "--password-stdin");
    String tenant = this.tenant != null ? this.tenant : client.defaultTenant();
    LoginResponse r =
        identity.login(
            LoginRequest.newBuilder()
                .setEmail(email)
                .setPassword(password)
                .setTenantSlug(tenant)
                .build());
    CredentialsStore store = client.sessionStore();
    store.save(
        Credentials.of(client.target(), client.tls(), r.getTokens(), r.getPrincipal(), tenant));
    PrincipalView.print(
        out(), r.getPrincipal(), tenant, "Logged in; session saved to " + store.file());
    return 0;
  }
}
