package io.meshdesk.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.meshdesk.platform.errors.UnauthenticatedException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies Meshdesk access tokens statelessly: a JWS signed with ES256 by a key the identity
 * service publishes ({@code kid}), the expected issuer and audience, not expired, token type {@code
 * access}, and a tenant that is still active. Anything else, including {@code alg: none}, another
 * algorithm, or an unknown key, is refused.
 */
public final class JwtTokenVerifier implements TokenVerifier {

  /** Claim holding the tenant id. */
  public static final String TENANT_CLAIM = "tid";

  /** Claim holding the role. */
  public static final String ROLE_CLAIM = "role";

  /** Claim holding a service account's granted permissions. */
  public static final String GRANTS_CLAIM = "grants";

  /** Claim distinguishing access tokens from anything else we might sign. */
  public static final String TYPE_CLAIM = "typ";

  private static final Duration SKEW = Duration.ofSeconds(30);

  /** Bound of the verified-signature memory (cleared when full; tokens live 15 minutes). */
  private static final int MAX_REMEMBERED = 20_000;

  private final java.util.Map<String, Verified> verifiedSignatures =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final SigningKeySource keys;
  private final String issuer;
  private final String audience;
  private final Clock clock;
  private final TenantGate tenants;

  public JwtTokenVerifier(
      SigningKeySource keys, String issuer, String audience, Clock clock, TenantGate tenants) {
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
    this.tenants = tenants;
  }

  @Override
  public Principal verify(String token) {
    // The signature check (ES256) dominates the cost of a call; a token string whose signature
    // already verified cannot change, so its claims are remembered together with the key that
    // verified them. A remembered token counts only while the key source still returns that same
    // key: removing a (compromised) key drops every token it signed. Everything else that can
    // change (expiry, tenant suspension) is still checked on every call below.
    Verified known = verifiedSignatures.get(token);
    if (known != null) {
      if (keys.find(known.kid())
          .filter(k -> k == known.key() || k.equals(known.key()))
          .isPresent()) {
        return principalFrom(known.claims());
      }
      verifiedSignatures.remove(token);
    }
    Verified verified = verifySignature(token);
    Principal principal = principalFrom(verified.claims());
    if (verifiedSignatures.size() >= MAX_REMEMBERED) {
      verifiedSignatures.clear();
    }
    verifiedSignatures.put(token, verified);
    return principal;
  }

  private Verified verifySignature(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new UnauthenticatedException("malformed or unsigned token");
    }
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
      throw new UnauthenticatedException("token algorithm not accepted");
    }
    String kid = jwt.getHeader().getKeyID();
    if (kid == null) {
      throw new UnauthenticatedException("token has no key id");
    }
    JWK jwk =
        keys.find(kid)
            .orElseThrow(() -> new UnauthenticatedException("token signed by an unknown key"));
    try {
      if (!(jwk instanceof ECKey ec)) {
        throw new UnauthenticatedException("token signed by an unknown key");
      }
      JWSVerifier verifier = new ECDSAVerifier(ec.toECPublicKey());
      if (!jwt.verify(verifier)) {
        throw new UnauthenticatedException("bad token signature");
      }
    } catch (JOSEException e) {
      throw new UnauthenticatedException("bad token signature");
    }
    try {
      return new Verified(kid, jwk, jwt.getJWTClaimsSet());
    } catch (ParseException e) {
      throw new UnauthenticatedException("malformed token claims");
    }
  }

  private Principal principalFrom(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null || exp.toInstant().plus(SKEW).isBefore(now)) {
      throw new UnauthenticatedException("token expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().minus(SKEW).isAfter(now)) {
      throw new UnauthenticatedException("token not yet valid");
    }
    if (!issuer.equals(claims.getIssuer())) {
      throw new UnauthenticatedException("token issuer not accepted");
    }
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(audience)) {
      throw new UnauthenticatedException("token audience not accepted");
    }
    try {
      if (!"access".equals(claims.getStringClaim(TYPE_CLAIM))) {
        throw new UnauthenticatedException("not an access token");
      }
      UUID subject = UUID.fromString(claims.getSubject());
      String tid = claims.getStringClaim(TENANT_CLAIM);
      UUID tenant = tid == null ? null : UUID.fromString(tid);
      Role role = Role.fromClaim(claims.getStringClaim(ROLE_CLAIM));
      if (tenant == null && role != Role.PLATFORM_ADMIN && role != Role.SERVICE) {
        throw new UnauthenticatedException("token has no tenant");
      }
      if (tenant != null && !tenants.isActive(tenant)) {
        throw new UnauthenticatedException("tenant is suspended or unknown");
      }
      List<String> grants = claims.getStringListClaim(GRANTS_CLAIM);
      Set<String> grantSet = grants == null ? Set.of() : new HashSet<>(grants);
      return new Principal(subject, tenant, role, grantSet, claims.getJWTID(), exp.toInstant());
    } catch (ParseException | IllegalArgumentException | NullPointerException e) {
      throw new UnauthenticatedException("malformed token claims");
    }
  }

  /** Claims whose signature verified, with the key that verified it. */
  private record Verified(String kid, JWK key, JWTClaimsSet claims) {}
}
