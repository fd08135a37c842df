package io.meshdesk.identity.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.meshdesk.platform.auth.JwtTokenVerifier;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Verifiers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs access tokens (ES256 JWT, {@code kid}, iss/aud, sub, tid, role, grants, typ, jti). */
public final class TokenIssuer {

  private final SigningKeys keys;
  private final Clock clock;
  private final Duration ttl;

  public TokenIssuer(SigningKeys keys, Clock clock, Duration ttl) {
    this.keys = keys;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A signed access token for {@code principal}; returns the token and its expiry. */
  public Signed issue(
      UUID subject,
      UUID tenantId,
      io.meshdesk.platform.auth.Role role,
      java.util.Set<String> grants) {
    Instant now = clock.instant();
    Instant exp = now.plus(ttl);
    String jti = UUID.randomUUID().toString();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(Verifiers.ISSUER)
            .audience(Verifiers.AUDIENCE)
            .subject(subject.toString())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(exp))
            .jwtID(jti)
            .claim(JwtTokenVerifier.TYPE_CLAIM, "access")
            .claim(JwtTokenVerifier.ROLE_CLAIM, role.claim());
    if (tenantId != null) {
      claims.claim(JwtTokenVerifier.TENANT_CLAIM, tenantId.toString());
    }
    if (!grants.isEmpty()) {
      claims.claim(JwtTokenVerifier.GRANTS_CLAIM, List.copyOf(new java.util.TreeSet<>(grants)));
    }
    ECKey key = keys.signingKey();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return new Signed(jwt.serialize(), exp, new Principal(subject, tenantId, role, grants, jti));
  }

  /** A signed token, when it expires, and the principal it carries. */
  public record Signed(String token, Instant expiresAt, Principal principal) {}
}
