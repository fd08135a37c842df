package io.meshdesk.platform.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.grpc.ManagedChannel;
import io.meshdesk.api.identity.v1.GetSigningKeysRequest;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.grpc.GrpcChannels;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public signing keys fetched from the identity service ({@code IdentityService.GetSigningKeys})
 * and cached. The set is refreshed when it is older than {@code maxAge}, and when a token names an
 * unknown {@code kid} (a rotation) — at most once per {@code minRefreshInterval}, so a flood of
 * forged key ids cannot hammer the identity service.
 */
public final class GrpcSigningKeySource implements SigningKeySource, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GrpcSigningKeySource.class);

  private final Supplier<String> fetcher;
  private final AutoCloseable channel;
  private final Clock clock;
  private final Duration maxAge;
  private final Duration minRefreshInterval;
  private volatile Map<String, JWK> keys = Map.of();
  private volatile Instant loadedAt = Instant.EPOCH;
  private volatile Instant lastAttempt = Instant.EPOCH;

  GrpcSigningKeySource(
      Supplier<String> fetcher,
      AutoCloseable channel,
      Clock clock,
      Duration maxAge,
      Duration minRefreshInterval) {
    this.fetcher = fetcher;
    this.channel = channel;
    this.clock = clock;
    this.maxAge = maxAge;
    this.minRefreshInterval = minRefreshInterval;
  }

  /**
   * A source reading the identity service at {@code host:port}, verifying it against {@code tls}'s
   * CA (plaintext only when {@code tls} opts into it).
   */
  public static GrpcSigningKeySource forTarget(String target, TlsConfig tls) {
    ManagedChannel ch = GrpcChannels.internal(target, tls).build();
    return forChannel(ch, () -> ch.shutdownNow());
  }

  /** A source over an existing channel; {@code onClose} runs when the source is closed. */
  public static GrpcSigningKeySource forChannel(io.grpc.Channel channel, AutoCloseable onClose) {
    IdentityServiceGrpc.IdentityServiceBlockingStub stub =
        IdentityServiceGrpc.newBlockingStub(channel);
    Supplier<String> fetch =
        () ->
            stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                .getSigningKeys(GetSigningKeysRequest.getDefaultInstance())
                .getJwksJson();
    return new GrpcSigningKeySource(
        fetch, onClose, Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofSeconds(5));
  }

  @Override
  public Optional<JWK> find(String kid) {
    Instant now = clock.instant();
    if (loadedAt.plus(maxAge).isBefore(now)) {
      refresh(now);
    }
    JWK key = keys.get(kid);
    if (key == null && lastAttempt.plus(minRefreshInterval).isBefore(now)) {
      refresh(now);
      key = keys.get(kid);
    }
    return Optional.ofNullable(key);
  }

  private synchronized void refresh(Instant now) {
    if (lastAttempt.plus(minRefreshInterval).isAfter(now) && !keys.isEmpty()) {
      return;
    }
    lastAttempt = now;
    try {
      JWKSet set = JWKSet.parse(fetcher.get());
      Map<String, JWK> next = new java.util.HashMap<>();
      for (JWK k : set.getKeys()) {
        if (k.getKeyID() != null && !k.isPrivate()) {
          next.put(k.getKeyID(), k);
        }
      }
      keys = Map.copyOf(next);
      loadedAt = now;
    } catch (ParseException | RuntimeException e) {
      // Keep serving the keys we have; tokens signed by them still verify.
      log.warn("could not refresh signing keys from the identity service: {}", e.toString());
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (Exception e) {
      log.debug("closing key source channel: {}", e.toString());
    }
  }
}
