package io.meshdesk.ai.worker;

import io.grpc.ManagedChannel;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.IssueServiceTokenRequest;
import io.meshdesk.api.identity.v1.IssueServiceTokenResponse;
import io.meshdesk.platform.proto.ProtoTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The worker's per-tenant access tokens from IdentityService.IssueServiceToken (client credentials
 * of a platform service account), cached until a minute before they expire.
 */
public final class IdentityTokenProvider implements TokenProvider, AutoCloseable {

  private static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);

  private record Cached(String token, Instant expiresAt) {}

  private final ManagedChannel channel;
  private final String clientId;
  private final String clientSecret;
  private final Clock clock;
  private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

  /**
   * @param identityTarget the ticket server's {@code host:port}
   * @param tls how it is reached (TLS verified against the configured CA, or explicit plaintext)
   * @param clientId the platform service account's client id
   * @param clientSecret its secret
   */
  public IdentityTokenProvider(
      String identityTarget,
      io.meshdesk.platform.config.TlsConfig tls,
      String clientId,
      String clientSecret,
      Clock clock) {
    this.channel = io.meshdesk.platform.grpc.GrpcChannels.internal(identityTarget, tls).build();
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clock = clock;
  }

  @Override
  public String tokenFor(UUID tenantId) {
    Cached c = cache.get(tenantId);
    if (c != null && clock.instant().plus(REFRESH_MARGIN).isBefore(c.expiresAt())) {
      return c.token();
    }
    IssueServiceTokenResponse r =
        IdentityServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .issueServiceToken(
                IssueServiceTokenRequest.newBuilder()
                    .setClientId(clientId)
                    .setClientSecret(clientSecret)
                    .setTenantId(tenantId.toString())
                    .build());
    var ts = r.getTokens().getAccessTokenExpiresAt();
    Cached fresh = new Cached(r.getTokens().getAccessToken(), ProtoTime.instant(ts));
    cache.put(tenantId, fresh);
    return fresh.token();
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
