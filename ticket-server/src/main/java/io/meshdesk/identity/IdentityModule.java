package io.meshdesk.identity;

import io.meshdesk.identity.domain.IdentityConfig;
import io.meshdesk.identity.domain.KeySealer;
import io.meshdesk.identity.domain.PasswordHasher;
import io.meshdesk.identity.domain.Secrets;
import io.meshdesk.identity.persistence.IdentityStore;
import io.meshdesk.identity.service.AuditLog;
import io.meshdesk.identity.service.AuthService;
import io.meshdesk.identity.service.Bootstrapper;
import io.meshdesk.identity.service.IdentityTransactions;
import io.meshdesk.identity.service.LoginLimiter;
import io.meshdesk.identity.service.ServiceAccountService;
import io.meshdesk.identity.service.SigningKeys;
import io.meshdesk.identity.service.TenantService;
import io.meshdesk.identity.service.TokenIssuer;
import io.meshdesk.identity.service.UserService;
import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.platform.auth.DatabaseTenantGate;
import io.meshdesk.platform.auth.TokenVerifier;
import io.meshdesk.platform.auth.Verifiers;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.redisson.api.RedissonClient;

/**
 * The identity context wired together: domain services over the app pool and Redis, the gRPC
 * service, and this server's token verifier (in-process keys + database tenant gate).
 */
public final class IdentityModule implements AutoCloseable {

  /** Liquibase changelog of the identity schema. */
  public static final String CHANGELOG = "db/changelog/identity/master.yaml";

  private final SigningKeys keys;
  private final DatabaseTenantGate gate;
  private final TokenVerifier verifier;
  private final AuthService auth;
  private final TenantService tenants;
  private final UserService users;
  private final ServiceAccountService accounts;
  private final AuditLog audit;
  private final Bootstrapper bootstrapper;
  private final IdentityConfig config;
  private final PasswordHasher hasher;
  private final IdentityStore store;
  private final Optional<String> generatedBootstrapToken;

  /**
   * Wires identity; refuses (ConfigException) without a key-encryption key unless the config allows
   * local sealing.
   */
  public IdentityModule(
      DataSource dataSource, RedissonClient redis, IdentityConfig config, Clock clock) {
    this(dataSource, redis, config, clock, PasswordHasher.standard(config.hashConcurrency()));
  }

  /** The same with a given password hasher (tests bound its concurrency). */
  public IdentityModule(
      DataSource dataSource,
      RedissonClient redis,
      IdentityConfig config,
      Clock clock,
      PasswordHasher hasher) {
    config.requireKeyEncryption();
    this.config = config;
    this.store = new IdentityStore(dataSource);
    IdentityTransactions tx = store;
    this.hasher = hasher;
    this.keys = new SigningKeys(tx, sealer(tx, config, clock), clock, config.accessTokenTtl());
    keys.ensureActive();
    this.gate = new DatabaseTenantGate(dataSource, redis);
    this.verifier =
        new io.meshdesk.platform.auth.JwtTokenVerifier(
            keys, Verifiers.ISSUER, Verifiers.AUDIENCE, clock, gate);
    this.audit = new AuditLog(tx, clock);
    TokenIssuer issuer = new TokenIssuer(keys, clock, config.accessTokenTtl());
    LoginLimiter limiter = new LoginLimiter(redis, config, clock);
    this.auth = new AuthService(tx, issuer, hasher, limiter, clock, config.refreshTokenTtl());
    this.tenants = new TenantService(tx, audit, hasher, redis, clock);
    this.users = new UserService(tx, audit, hasher, redis, clock);
    this.accounts = new ServiceAccountService(tx, audit, clock);
    this.bootstrapper = new Bootstrapper(tx, audit, auth, hasher, clock);
    this.generatedBootstrapToken = bootstrapper.arm(config.bootstrapToken());
  }

  private static KeySealer sealer(IdentityTransactions tx, IdentityConfig config, Clock clock) {
    if (config.keyEncryptionKey().isPresent()) {
      return new KeySealer(config.keyEncryptionKey().get(), "aes-gcm:env");
    }
    String local =
        tx.unscoped(
            u ->
                u.keys()
                    .localSecret(
                        KeyUpgrade.LOCAL_KEY,
                        Base64.getEncoder()
                            .encodeToString(Base64.getUrlDecoder().decode(Secrets.random(32))),
                        clock.instant()));
    return new KeySealer(Base64.getDecoder().decode(local), "aes-gcm:local");
  }

  /** Verifies tokens for every service of this server. */
  public TokenVerifier verifier() {
    return verifier;
  }

  /** The auth interceptor for every service of this server. */
  public AuthInterceptor interceptor() {
    return new AuthInterceptor(verifier);
  }

  /** The bootstrap token generated at this start, if any (dev and tests). */
  public Optional<String> generatedBootstrapToken() {
    return generatedBootstrapToken;
  }

  public SigningKeys keys() {
    return keys;
  }

  public AuthService auth() {
    return auth;
  }

  public TenantService tenants() {
    return tenants;
  }

  public UserService users() {
    return users;
  }

  public ServiceAccountService serviceAccounts() {
    return accounts;
  }

  public AuditLog audit() {
    return audit;
  }

  public Bootstrapper bootstrapper() {
    return bootstrapper;
  }

  public IdentityConfig config() {
    return config;
  }

  public PasswordHasher hasher() {
    return hasher;
  }

  /** Units of identity work over the app pool (seeding and tests). */
  public IdentityTransactions tx() {
    return store;
  }

  @Override
  public void close() {
    gate.close();
    store.close();
  }
}
