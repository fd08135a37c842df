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
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.platform.auth.JwtTokenVerifier;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.auth.TenantGate;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.embedded.EmbeddedPostgresServer;
import io.meshdesk.platform.embedded.EmbeddedRedisServer;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger server a benchmark measures: embedded PostgreSQL and Redis, and a ledger-server over
 * loopback gRPC whose verifier trusts a key pair made for this run only, so the bench mints real
 * ES256 admin tokens that go through the same authentication as production calls.
 */
final class LedgerBenchSystem implements AutoCloseable {

  private final Shutdown shutdown = new Shutdown();
  private final ECKey key;
  final LedgerServer server;

  LedgerBenchSystem(int poolSize) throws JOSEException {
    key = new ECKeyGenerator(Curve.P_256).keyID("bench-" + UUID.randomUUID()).generate();
    JwtTokenVerifier verifier = new JwtTokenVerifier(
        kid -> kid.equals(key.getKeyID()) ? Optional.of(key.toPublicJWK()) : Optional.empty(),
        "meshdesk", "meshdesk-api", Clock.systemUTC(), TenantGate.allowAll());
    EmbeddedPostgresServer pg = shutdown.register(EmbeddedPostgresServer.start(0, Optional.empty()));
    EmbeddedRedisServer redis = shutdown.register(EmbeddedRedisServer.start(0));
    Infrastructure infra = new Infrastructure(pg.provisioner().database("ledgerbench", poolSize),
        RedisConfig.single("127.0.0.1", redis.port(), "bench:"));
    io.meshdesk.platform.db.Migrations.apply(infra.database(), LedgerServer.CHANGELOGS);
    server = shutdown.register(LedgerServer.start(infra, GrpcConfig.loopback().withPort(0, -1), null, verifier));
  }

  /** An admin access token of {@code tenant}, valid for an hour. */
  String adminToken(UUID tenant) throws JOSEException {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("meshdesk").audience("meshdesk-api")
        .subject(UUID.randomUUID().toString()).issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).jwtID(UUID.randomUUID().toString())
        .claim(JwtTokenVerifier.TYPE_CLAIM, "access").claim(JwtTokenVerifier.ROLE_CLAIM, Role.ADMIN.claim())
        .claim(JwtTokenVerifier.TENANT_CLAIM, tenant.toString()).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  @Override
  public void close() {
    shutdown.close();
  }
}
