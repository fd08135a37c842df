package io.meshdesk.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.meshdesk.platform.errors.UnauthenticatedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key rotation as every server but the identity service sees it (ledger-server and ai-worker build
 * their verifier from {@link GrpcSigningKeySource}): the published key set changes while the server
 * runs, and the verifier follows it without a restart.
 */
class SigningKeyRotationTest {

  private static final Duration MAX_AGE = Duration.ofMinutes(5);
  private static final Duration MIN_REFRESH = Duration.ofSeconds(5);

  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile JWKSet published;
  private ECKey first;
  private ECKey second;
  private JwtTokenVerifier verifier;

  @BeforeEach
  void startWithOneKey() throws JOSEException {
    first = newKey();
    second = newKey();
    published = new JWKSet(first);
    GrpcSigningKeySource source =
        new GrpcSigningKeySource(
            () -> {
              fetches.incrementAndGet();
              return published.toString(true);
            },
            () -> {},
            clock,
            MAX_AGE,
            MIN_REFRESH);
    verifier =
        new JwtTokenVerifier(source, "meshdesk", "meshdesk-api", clock, TenantGate.allowAll());
  }

  @Test
  void acceptsTokenOfKeyRotatedInAfterStartWithoutWaitingForTheKeySetToAge() {
    // given a server that has loaded the key set holding only the first key
    assertThat(verifier.verify(token(first)).role()).isEqualTo(Role.AGENT);
    // when the identity service rotates a second key in, well within the key set's max age
    published = new JWKSet(List.of(first, second));
    clock.advance(MIN_REFRESH.plusSeconds(1));
    // then a token of the new key verifies at once (refresh on the unknown kid)
    assertThat(verifier.verify(token(second)).role()).isEqualTo(Role.AGENT);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void unknownKeyIdsRefreshAtMostOncePerMinimumInterval() {
    verifier.verify(token(first));
    ECKey forged = newKeyUnchecked();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> verifier.verify(token(forged)))
          .isInstanceOf(UnauthenticatedException.class)
          .hasMessageContaining("unknown key");
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void oldKeyStopsVerifyingOnceTheOverlapEnds() {
    // given both keys published during the overlap
    published = new JWKSet(List.of(first, second));
    assertThat(verifier.verify(token(first)).role()).isEqualTo(Role.AGENT);
    assertThat(verifier.verify(token(second)).role()).isEqualTo(Role.AGENT);
    // when the overlap ends and the old key is withdrawn
    published = new JWKSet(second);
    clock.advance(MAX_AGE.plusSeconds(1));
    // then a fresh token of the old key is refused, the new key still verifies
    assertThatThrownBy(() -> verifier.verify(token(first)))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("unknown key");
    assertThat(verifier.verify(token(second)).role()).isEqualTo(Role.AGENT);
  }

  @Test
  void tokenOfRemovedKeyIsRefusedEvenAfterItVerifiedBefore() {
    // given a token whose signature verified (and was remembered)
    String seen = token(first);
    assertThat(verifier.verify(seen).role()).isEqualTo(Role.AGENT);
    assertThat(verifier.verify(seen).role()).isEqualTo(Role.AGENT);
    // when its key is removed (compromised) and the server has re-read the key set
    published = new JWKSet(second);
    clock.advance(MAX_AGE.plusSeconds(1));
    // then the very same token string is refused
    assertThatThrownBy(() -> verifier.verify(seen)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void keyReplacedUnderTheSameIdDropsTokensOfTheOldKeyMaterial() throws JOSEException {
    String seen = token(first);
    verifier.verify(seen);
    ECKey sameIdOtherKey = new ECKeyGenerator(Curve.P_256).keyID(first.getKeyID()).generate();
    published = new JWKSet(sameIdOtherKey);
    clock.advance(MAX_AGE.plusSeconds(1));
    assertThatThrownBy(() -> verifier.verify(seen))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("signature");
  }

  private String token(ECKey key) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("meshdesk")
            .audience("meshdesk-api")
            .subject(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
            .jwtID(UUID.randomUUID().toString())
            .claim(JwtTokenVerifier.TYPE_CLAIM, "access")
            .claim(JwtTokenVerifier.ROLE_CLAIM, Role.AGENT.claim())
            .claim(JwtTokenVerifier.TENANT_CLAIM, UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static ECKey newKey() throws JOSEException {
    return new ECKeyGenerator(Curve.P_256).keyID("k-" + UUID.randomUUID()).generate();
  }

  private static ECKey newKeyUnchecked() {
    try {
      return newKey();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock the test moves forward. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
