package io.meshdesk.cli.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.meshdesk.platform.auth.JwtTokenVerifier;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.auth.TenantGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * A signing key made for one benchmark run: the servers under test trust it, and the bench mints
 * real ES256 access tokens with it, so every call goes through the same authentication as
 * production calls.
 */
final class BenchKeys {

  private final ECKey key;

  BenchKeys() {
    try {
      key = new ECKeyGenerator(Curve.P_256).keyID("bench-" + UUID.randomUUID()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not make a bench signing key", e);
    }
  }

  /** A verifier that trusts only this run's key. */
  JwtTokenVerifier verifier() {
    return new JwtTokenVerifier(
        kid -> kid.equals(key.getKeyID()) ? Optional.of(key.toPublicJWK()) : Optional.empty(),
        "meshdesk",
        "meshdesk-api",
        Clock.systemUTC(),
        TenantGate.allowAll());
  }

  /** An access token of {@code user} with {@code role} in {@code tenant}, valid for two hours. */
  String token(UUID tenant, UUID user, Role role) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("meshdesk")
            .audience("meshdesk-api")
            .subject(user.toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
            .jwtID(UUID.randomUUID().toString())
            .claim(JwtTokenVerifier.TYPE_CLAIM, "access")
            .claim(JwtTokenVerifier.ROLE_CLAIM, role.claim())
            .claim(JwtTokenVerifier.TENANT_CLAIM, tenant.toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a bench token", e);
    }
    return jwt.serialize();
  }
}
