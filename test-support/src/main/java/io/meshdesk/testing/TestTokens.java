package io.meshdesk.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.platform.auth.JwtTokenVerifier;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.auth.SigningKeySource;
import io.meshdesk.platform.auth.TenantGate;
import io.meshdesk.platform.auth.TokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Real ES256 access tokens for tests of services other than identity: a key pair of its own, a
 * verifier that trusts it, and call credentials that attach a token to a stub.
 */
public final class TestTokens {

  /** Issuer used in test tokens. */
  public static final String ISSUER = "meshdesk";

  /** Audience used in test tokens. */
  public static final String AUDIENCE = "meshdesk-api";

  private final ECKey key;

  public TestTokens() {
    try {
      this.key = new ECKeyGenerator(Curve.P_256).keyID("test-" + UUID.randomUUID()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Tokens signed with {@code signingKey}, such as a real identity server's active key, so that the
   * server's own verifier accepts them.
   */
  public TestTokens(ECKey signingKey) {
    this.key = signingKey;
  }

  /** Keys that know only this instance's public key. */
  public SigningKeySource keys() {
    return kid -> kid.equals(key.getKeyID()) ? Optional.of(key.toPublicJWK()) : Optional.empty();
  }

  /** A verifier for tokens minted here, letting every tenant in. */
  public TokenVerifier verifier() {
    return new JwtTokenVerifier(keys(), ISSUER, AUDIENCE, Clock.systemUTC(), TenantGate.allowAll());
  }

  /** The auth interceptor backed by {@link #verifier()}. */
  public AuthInterceptor interceptor() {
    return new AuthInterceptor(verifier());
  }

  /** A valid access token for a user of {@code tenant} with {@code role}, valid for 10 minutes. */
  public String user(UUID tenant, UUID userId, Role role) {
    return mint(userId, tenant, role, Set.of(), Duration.ofMinutes(10));
  }

  /** A valid access token for a service account with the given grants. */
  public String service(UUID tenant, UUID accountId, Set<String> grants) {
    return mint(accountId, tenant, Role.SERVICE, grants, Duration.ofMinutes(10));
  }

  /** Any token: pick claims freely (expired, other tenants...). */
  public String mint(UUID subject, UUID tenant, Role role, Set<String> grants, Duration validFor) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(subject.toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(validFor)))
            .jwtID(UUID.randomUUID().toString())
            .claim(JwtTokenVerifier.TYPE_CLAIM, "access")
            .claim(JwtTokenVerifier.ROLE_CLAIM, role.claim());
    if (tenant != null) {
      claims.claim(JwtTokenVerifier.TENANT_CLAIM, tenant.toString());
    }
    if (!grants.isEmpty()) {
      claims.claim(JwtTokenVerifier.GRANTS_CLAIM, List.copyOf(grants));
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
            claims.build());
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** Call credentials sending {@code token} as a bearer token. */
  public static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
      }
    };
  }
}
