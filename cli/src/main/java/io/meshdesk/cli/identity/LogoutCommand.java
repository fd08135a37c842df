package io.meshdesk.cli.identity;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.LogoutRequest;
import io.meshdesk.api.identity.v1.LogoutResponse;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Credentials;
import io.meshdesk.cli.common.CredentialsStore;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl logout}: ends the saved session at the server and deletes the credentials file.
 */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description =
        "End the saved session (revoke its refresh token) and delete the credentials file.")
@Rpc("meshdesk.identity.v1.IdentityService/Logout")
public final class LogoutCommand implements Callable<Integer> {

  /** Server answers meaning the session is already over: the file is deleted anyway. */
  private static final Set<Status.Code> ALREADY_ENDED =
      Set.of(Status.Code.UNAUTHENTICATED, Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT);

  @Mixin ClientOptions client;

  @Option(names = "--all-sessions", description = "Also end every other session of the same user.")
  boolean allSessions;

  @Override
  public Integer call() throws InterruptedException {
    CredentialsStore store = client.sessionStore();
    Optional<Credentials> saved = store.load();
    if (saved.isEmpty()) {
      if (client.printer().human()) {
        System.out.println("Not logged in.");
      } else {
        print(null, 0);
      }
      return 0;
    }
    Credentials c = saved.get();
    var channel = client.sessionChannel(c);
    try {
      int revoked =
          IdentityServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(IdentityCommand.DEADLINE_SECONDS, TimeUnit.SECONDS)
              .logout(
                  LogoutRequest.newBuilder()
                      .setRefreshToken(c.refreshToken())
                      .setAllSessions(allSessions)
                      .build())
              .getRevokedSessions();
      store.delete();
      print(c, revoked);
    } catch (StatusRuntimeException e) {
      if (!ALREADY_ENDED.contains(e.getStatus().getCode())) {
        throw e; // e.g. unreachable: keep the file so logout can be retried
      }
      store.delete();
      print(c, 0);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    return 0;
  }

  private void print(Credentials c, int revoked) {
    Output out = client.printer();
    if (!out.human()) {
      out.one(LogoutResponse.newBuilder().setRevokedSessions(revoked).build());
    } else {
      System.out.println(
          "Logged out "
              + c.email()
              + " ("
              + revoked
              + " session(s) revoked); credentials deleted.");
    }
  }
}
