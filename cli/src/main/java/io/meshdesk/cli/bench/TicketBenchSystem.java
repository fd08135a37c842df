package io.meshdesk.cli.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.platform.auth.JwtTokenVerifier;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.auth.TenantGate;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.embedded.EmbeddedPostgresServer;
import io.meshdesk.platform.embedded.EmbeddedRedisServer;
import io.meshdesk.platform.grpc.GrpcServer;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.ticket.TicketConfig;
import io.meshdesk.ticket.Tickets;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ticket context alone for the ticket benchmarks: embedded PostgreSQL and Redis, one or more
 * ticket-service instances on free loopback ports sharing them, and a local signing key whose
 * tokens those instances trust.
 */
final class TicketBenchSystem implements AutoCloseable {

  private final Shutdown shutdown = new Shutdown();
  private final ECKey key;
  private final List<String> targets = new ArrayList<>();

  TicketBenchSystem(int instances, PrintStream log) throws Exception {
    key = new ECKeyGenerator(Curve.P_256).keyID("bench-" + UUID.randomUUID()).generate();
    log.println("bench: starting embedded PostgreSQL and Redis, " + instances + " ticket instance(s)...");
    EmbeddedPostgresServer pg = shutdown.register(EmbeddedPostgresServer.start(0, Optional.empty()));
    EmbeddedRedisServer redis = shutdown.register(EmbeddedRedisServer.start(0));
    DatabaseConfig db = pg.provisioner().database("bench", 24);
    Migrations.apply(db, List.of("db/changelog/ticket/master.yaml"));
    RedisConfig rc = RedisConfig.single("127.0.0.1", redis.port(), "bench:");
    JwtTokenVerifier verifier = new JwtTokenVerifier(
        kid -> kid.equals(key.getKeyID()) ? Optional.of(key.toPublicJWK()) : Optional.empty(),
        "meshdesk", "meshdesk-api", Clock.systemUTC(), TenantGate.allowAll());
    for (int i = 0; i < instances; i++) {
      Database database = shutdown.register(new Database(db, "bench-" + i));
      Redis r = shutdown.register(new Redis(rc));
      Tickets tickets = shutdown.register(
          new Tickets(database, r, InMemoryUserDirectory.permissive(), Clock.systemUTC(), TicketConfig.defaults()));
      GrpcServer server = shutdown.register(GrpcServer.builder("ticket-bench-" + i, GrpcConfig.loopback().withPort(0, -1))
          .addService(tickets.service()).addInterceptor(new AuthInterceptor(verifier)).build());
      server.start();
      targets.add("127.0.0.1:" + server.port());
    }
  }

  /** host:port of each instance. */
  List<String> targets() {
    return targets;
  }

  /** An access token trusted by the instances. */
  String token(UUID tenant, UUID user, Role role) {
    try {
      Instant now = Instant.now();
      JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("meshdesk").audience("meshdesk-api").subject(user.toString())
          .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1)))).jwtID(UUID.randomUUID().toString())
          .claim(JwtTokenVerifier.TYPE_CLAIM, "access").claim(JwtTokenVerifier.ROLE_CLAIM, role.claim())
          .claim(JwtTokenVerifier.TENANT_CLAIM, tenant.toString()).build();
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    shutdown.close();
  }
}
