package io.meshdesk.cli.common;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.RefreshRequest;
import io.meshdesk.api.identity.v1.TokenSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The saved {@code meshctl login} session: hands out its access token, first exchanging the refresh
 * token for new tokens (at the ticket server the session was signed in at) when the access token
 * has expired or expires within {@link #MARGIN}.
 */
public final class Session {

  /** Refresh this long before the access token expires, so it does not expire in flight. */
  public static final Duration MARGIN = Duration.ofSeconds(60);

  private final CredentialsStore store;
  private final Clock clock;
  private final Function<Credentials, ManagedChannel> identity;

  /**
   * A session over {@code store}.
   *
   * @param identity opens an unauthenticated channel to the ticket server a session was signed in
   *     at (with this run's TLS settings when the session used TLS)
   */
  public Session(
      CredentialsStore store, Clock clock, Function<Credentials, ManagedChannel> identity) {
    this.store = store;
    this.clock = clock;
    this.identity = identity;
  }

  /** The session saved at the standard location. */
  public static Session standard(Function<Credentials, ManagedChannel> identity) {
    return new Session(CredentialsStore.standard(), Clock.systemUTC(), identity);
  }

  /** The current access token, refreshed if needed; empty when nobody is logged in. */
  public Optional<String> accessToken() {
    Optional<Credentials> saved = store.load();
    if (saved.isEmpty()) {
      return Optional.empty();
    }
    if (!expiring(saved.get())) {
      return Optional.of(saved.get().accessToken());
    }
    // Re-read under the lock: another meshctl may have refreshed already (a refresh token works
    // once).
    return Optional.of(
        store.locked(
            () -> {
              Credentials current = store.load().orElseThrow(Session::loggedOut);
              if (!expiring(current)) {
                return current.accessToken();
              }
              Credentials renewed = current.withTokens(refresh(current));
              store.save(renewed);
              return renewed.accessToken();
            }));
  }

  private boolean expiring(Credentials c) {
    return !c.accessTokenExpiresAt().isAfter(clock.instant().plus(MARGIN));
  }

  private TokenSet refresh(Credentials c) {
    ManagedChannel channel = identity.apply(c);
    try {
      return IdentityServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .refresh(RefreshRequest.newBuilder().setRefreshToken(c.refreshToken()).build())
          .getTokens();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED
          || e.getStatus().getCode() == Status.Code.PERMISSION_DENIED
          || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw Status.UNAUTHENTICATED
            .withDescription("the saved session has expired or was revoked; run `meshctl login`")
            .asRuntimeException();
      }
      throw e;
    } finally {
      channel.shutdownNow();
    }
  }

  private static StatusRuntimeException loggedOut() {
    return Status.UNAUTHENTICATED
        .withDescription("not logged in; run `meshctl login`")
        .asRuntimeException();
  }
}
