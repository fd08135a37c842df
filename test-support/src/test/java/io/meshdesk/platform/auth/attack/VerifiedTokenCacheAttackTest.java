package io.meshdesk.platform.auth.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.meshdesk.platform.auth.JwtTokenVerifier;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.UnauthenticatedException;
import io.meshdesk.testing.TestTokens;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A compromised signing key is removed: tokens it signed must stop verifying at once, remembered or
 * not.
 */
class VerifiedTokenCacheAttackTest {

  private final TestTokens tokens = new TestTokens();

  /** What the key source does to the real key: pass it, drop it, or swap it. */
  private final AtomicReference<UnaryOperator<Optional<JWK>>> keySet =
      new AtomicReference<>(UnaryOperator.identity());

  private final JwtTokenVerifier verifier =
      new JwtTokenVerifier(
          kid -> keySet.get().apply(tokens.keys().find(kid)),
          TestTokens.ISSUER,
          TestTokens.AUDIENCE,
          Clock.systemUTC(),
          t -> true);

  @Test
  void aRememberedTokenStopsVerifyingOnceItsKeyIsRemoved() {
    String token = tokens.user(UUID.randomUUID(), UUID.randomUUID(), Role.ADMIN);
    assertThat(verifier.verify(token).role()).isEqualTo(Role.ADMIN);
    assertThat(verifier.verify(token).role())
        .as("served from the verified-signature memory")
        .isEqualTo(Role.ADMIN);

    keySet.set(found -> Optional.empty());

    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("unknown key");
  }

  @Test
  void aRememberedTokenStopsVerifyingWhenItsKeyIdNowNamesAnotherKey() throws Exception {
    String token = tokens.user(UUID.randomUUID(), UUID.randomUUID(), Role.ADMIN);
    verifier.verify(token);
    JWK replacement = new ECKeyGenerator(Curve.P_256).keyID("replaced").generate().toPublicJWK();

    keySet.set(found -> found.map(k -> replacement));

    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("signature");
  }
}
