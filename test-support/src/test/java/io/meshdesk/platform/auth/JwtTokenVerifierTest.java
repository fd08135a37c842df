package io.meshdesk.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.errors.UnauthenticatedException;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class JwtTokenVerifierTest {

  private final TestTokens tokens = new TestTokens();
  private final Set<UUID> suspended = ConcurrentHashMap.newKeySet();
  private final UUID tenant = UUID.randomUUID();

  private JwtTokenVerifier verifier(Clock clock) {
    return new JwtTokenVerifier(
        tokens.keys(), TestTokens.ISSUER, TestTokens.AUDIENCE, clock, t -> !suspended.contains(t));
  }

  @Test
  void aRememberedTokenIsStillRefusedOnceItsTenantIsSuspended() {
    JwtTokenVerifier v = verifier(Clock.systemUTC());
    String token = tokens.user(tenant, UUID.randomUUID(), Role.AGENT);
    assertThat(v.verify(token).tenantId()).isEqualTo(tenant);
    assertThat(v.verify(token).role()).isEqualTo(Role.AGENT);

    suspended.add(tenant);
    assertThatThrownBy(() -> v.verify(token))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("suspended");

    suspended.remove(tenant);
    assertThat(v.verify(token).tenantId()).isEqualTo(tenant);
  }

  @Test
  void aRememberedTokenExpiresOnTime() {
    String token =
        tokens.mint(UUID.randomUUID(), tenant, Role.AGENT, Set.of(), Duration.ofMinutes(2));
    MutableClock clock = new MutableClock(Instant.now());
    JwtTokenVerifier v = verifier(clock);
    assertThat(v.verify(token)).isNotNull();
    // the same verifier, which now remembers the token's signature, ten minutes later
    clock.advance(Duration.ofMinutes(10));
    assertThatThrownBy(() -> v.verify(token)).hasMessageContaining("expired");
  }

  @Test
  void aTamperedCopyOfAVerifiedTokenIsRefused() {
    JwtTokenVerifier v = verifier(Clock.systemUTC());
    String token = tokens.user(tenant, UUID.randomUUID(), Role.AGENT);
    v.verify(token);
    String[] parts = token.split("\\.");
    String forged = parts[0] + "." + parts[1] + "x." + parts[2];
    assertThatThrownBy(() -> v.verify(forged)).isInstanceOf(UnauthenticatedException.class);
  }
}
