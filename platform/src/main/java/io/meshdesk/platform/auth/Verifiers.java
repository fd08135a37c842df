package io.meshdesk.platform.auth;

import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.redis.Redis;
import java.time.Clock;

/** Builds the token verifiers servers plug into {@link AuthInterceptor}. */
public final class Verifiers {

  /** Issuer of every Meshdesk access token. */
  public static final String ISSUER = "meshdesk";

  /** Audience of every Meshdesk access token. */
  public static final String AUDIENCE = "meshdesk-api";

  private Verifiers() {}

  /** A verifier over any key source and tenant gate, with the standard issuer and audience. */
  public static JwtTokenVerifier of(SigningKeySource keys, TenantGate tenants) {
    return new JwtTokenVerifier(keys, ISSUER, AUDIENCE, Clock.systemUTC(), tenants);
  }

  /**
   * For servers other than ticket-server: keys from the identity service at {@code identityTarget}
   * ({@code host:port}, verified against {@code tls}'s CA), tenant status from the shared database
   * with Redis invalidation. Close the result with the server.
   */
  public static RemoteIdentityVerifier forRemoteIdentity(
      String identityTarget,
      io.meshdesk.platform.config.TlsConfig tls,
      Redis redis,
      Database database) {
    GrpcSigningKeySource keys = GrpcSigningKeySource.forTarget(identityTarget, tls);
    DatabaseTenantGate gate = new DatabaseTenantGate(database.dataSource(), redis.client());
    return new RemoteIdentityVerifier(of(keys, gate), keys, gate);
  }

  /**
   * For a standalone server process: the identity target from {@code MESHDESK_IDENTITY_TARGET}
   * (default {@code localhost:7001}) reached with {@code MESHDESK_TLS_*}, with its own small pool
   * (logging in as {@code infra}'s user: pass the server's settings, {@link
   * io.meshdesk.platform.config.DatabaseConfig#forServer}) and Redis client registered in {@code
   * resources} so they close with the process.
   */
  public static RemoteIdentityVerifier fromEnv(
      io.meshdesk.platform.config.Env env,
      io.meshdesk.platform.runtime.Infrastructure infra,
      io.meshdesk.platform.runtime.Shutdown resources) {
    String target = env.string("MESHDESK_IDENTITY_TARGET", "localhost:7001");
    io.meshdesk.platform.config.DatabaseConfig small = infra.database().withPoolSize(2);
    Database db = resources.register(new Database(small, "auth"));
    Redis redis = resources.register(new Redis(infra.redis()));
    return resources.register(
        forRemoteIdentity(target, io.meshdesk.platform.config.TlsConfig.fromEnv(env), redis, db));
  }

  /** A verifier that owns a gRPC key source and a tenant gate. */
  public static final class RemoteIdentityVerifier implements TokenVerifier, AutoCloseable {
    private final TokenVerifier delegate;
    private final GrpcSigningKeySource keys;
    private final DatabaseTenantGate gate;

    RemoteIdentityVerifier(
        TokenVerifier delegate, GrpcSigningKeySource keys, DatabaseTenantGate gate) {
      this.delegate = delegate;
      this.keys = keys;
      this.gate = gate;
    }

    @Override
    public Principal verify(String token) {
      return delegate.verify(token);
    }

    @Override
    public void close() {
      gate.close();
      keys.close();
    }
  }
}
