package io.meshdesk.identity.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.LoginRequest;
import io.meshdesk.identity.IdentityModule;
import io.meshdesk.identity.domain.IdentityConfig;
import io.meshdesk.identity.domain.PasswordHasher;
import io.meshdesk.identity.domain.SignedIn;
import io.meshdesk.identity.grpc.IdentityGrpcService;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import io.meshdesk.platform.errors.ResourceExhaustedException;
import io.meshdesk.platform.errors.UnauthenticatedException;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Attacks on sign-in, bootstrap, logout and key sealing, each against the real identity stack. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityAttackIT {

  static final String BOOTSTRAP = "bootstrap-token-for-attack-tests";
  static final String ROOT = "root@example.com";
  static final String PASSWORD = "correct horse battery";

  final MutableClock clock = new MutableClock(Instant.now());
  final List<AutoCloseable> open = new ArrayList<>();
  Database database;
  Redis redis;

  @BeforeAll
  void start() {
    database = database("identityattack");
    redis = new Redis(TestEnvironment.get().newRedis("identityattack"));
    identity(config(Map.of()), null).bootstrapper().bootstrap(BOOTSTRAP, ROOT, PASSWORD, "Root");
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    redis.close();
    database.close();
  }

  @Test
  void parallelGuessesGetNoMoreThanTheFreeAttempts() throws Exception {
    IdentityModule identity =
        identity(config(Map.of("MESHDESK_LOGIN_MAX_FAILURES_ACCOUNT", "3")), null);
    int callers = 12;
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<Class<?>>> guesses = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      String guess = "guess-" + i;
      guesses.add(
          () -> {
            go.await();
            try {
              identity.auth().login(ROOT, guess, "", "203.0.113.1");
              return Void.class;
            } catch (UnauthenticatedException | ResourceExhaustedException e) {
              return e.getClass();
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Class<?>>> outcomes = new ArrayList<>();
      for (Callable<Class<?>> g : guesses) {
        outcomes.add(pool.submit(g));
      }
      go.countDown();
      List<Class<?>> results = new ArrayList<>();
      for (Future<Class<?>> f : outcomes) {
        results.add(f.get());
      }
      assertThat(results)
          .filteredOn(c -> c == UnauthenticatedException.class)
          .as("passwords actually checked")
          .hasSize(3);
      assertThat(results)
          .filteredOn(c -> c == ResourceExhaustedException.class)
          .hasSize(callers - 3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void guessesDelayTheGuesserProgressivelyButNeverLockTheOwnerOut() {
    IdentityModule identity =
        identity(
            config(
                Map.of(
                    "MESHDESK_LOGIN_MAX_FAILURES_ACCOUNT",
                    "2",
                    "MESHDESK_LOGIN_DELAY_BASE",
                    "1s",
                    "MESHDESK_LOGIN_DELAY_MAX",
                    "4s")),
            null);
    String attacker = "203.0.113.2";
    assertThatThrownBy(() -> identity.auth().login(ROOT, "guess", "", attacker))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> identity.auth().login(ROOT, "guess", "", attacker))
        .isInstanceOf(UnauthenticatedException.class);
    for (int expected : new int[] {1, 2, 4, 4}) {
      assertThatThrownBy(() -> identity.auth().login(ROOT, "guess", "", attacker))
          .isInstanceOf(ResourceExhaustedException.class)
          .hasMessageContaining("try again in " + expected + " second");
      // the owner, from their own address, is not slowed down at all
      assertThat(identity.auth().login(ROOT, PASSWORD, "", "198.51.100.2").principal()).isNotNull();
      clock.advance(Duration.ofSeconds(expected));
      assertThatThrownBy(() -> identity.auth().login(ROOT, "guess", "", attacker))
          .isInstanceOf(UnauthenticatedException.class);
    }
    // even from the guesser's address the owner gets in after at most the cap, which clears the
    // budget
    clock.advance(Duration.ofSeconds(4));
    assertThat(identity.auth().login(ROOT, PASSWORD, "", attacker).principal()).isNotNull();
    assertThatThrownBy(() -> identity.auth().login(ROOT, "guess", "", attacker))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void concurrentPasswordHashesAreBoundedAndExcessIsRefusedAtOnce() throws Exception {
    Semaphore slots = new Semaphore(1);
    IdentityModule identity = identity(config(Map.of()), slots);
    slots.acquire(); // every hashing slot busy, as under a flood of sign-ins
    try {
      assertThatThrownBy(() -> identity.auth().login(ROOT, PASSWORD, "", "203.0.113.3"))
          .isInstanceOf(ResourceExhaustedException.class)
          .hasMessageContaining("sign-ins in progress");
    } finally {
      slots.release();
    }
    assertThat(identity.auth().login(ROOT, PASSWORD, "", "203.0.113.3").principal()).isNotNull();
  }

  @Test
  void bootstrapRefusesBeforeHashingWithoutTheTokenOrOnceAnAdminExists() throws Exception {
    Database fresh = database("bootstrapattack");
    open.add(fresh);
    Semaphore slots = new Semaphore(1);
    IdentityModule identity = identity(config(Map.of()), slots, fresh);
    slots.acquire(); // hashing impossible: any refusal below happened before a hash was started
    try {
      assertThatThrownBy(
              () -> identity.bootstrapper().bootstrap("wrong-" + BOOTSTRAP, ROOT, PASSWORD, "Root"))
          .isInstanceOf(PermissionDeniedException.class);
    } finally {
      slots.release();
    }
    identity.bootstrapper().bootstrap(BOOTSTRAP, ROOT, PASSWORD, "Root");
    slots.acquire();
    try {
      assertThatThrownBy(
              () ->
                  identity
                      .bootstrapper()
                      .bootstrap(BOOTSTRAP, "second@example.com", PASSWORD, "Second"))
          .isInstanceOf(FailedPreconditionException.class);
    } finally {
      slots.release();
    }
  }

  @Test
  void spoofedForwardedForEntriesDoNotChangeTheCountedSource() {
    Map<String, String> oneFreeFailurePerSource = Map.of("MESHDESK_LOGIN_MAX_FAILURES_SOURCE", "2");
    IdentityModule behindEnvoy =
        identity(config(oneFreeFailurePerSource).withTrustedProxyHops(1), null);
    InProcessGrpc grpc =
        InProcessGrpc.start(List.of(IdentityGrpcService.withClientAddress(behindEnvoy)), List.of());
    open.add(grpc);
    // each guess claims another client address; Envoy appended the real one (192.0.2.10) last
    assertThat(guess(grpc, "a@example.com", "198.51.100.1, 192.0.2.10"))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(guess(grpc, "b@example.com", "198.51.100.2, 192.0.2.10"))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(guess(grpc, "c@example.com", "198.51.100.3, 192.0.2.10"))
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(guess(grpc, "d@example.com", "192.0.2.10"))
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    // another client behind the same Envoy has its own budget
    assertThat(guess(grpc, "e@example.com", "198.51.100.3, 192.0.2.11"))
        .isEqualTo(Status.Code.UNAUTHENTICATED);

    IdentityModule direct = identity(config(oneFreeFailurePerSource), null);
    InProcessGrpc directGrpc =
        InProcessGrpc.start(List.of(IdentityGrpcService.withClientAddress(direct)), List.of());
    open.add(directGrpc);
    // without trusted proxies the header is ignored: the connection's address is counted
    assertThat(guess(directGrpc, "f@example.com", "192.0.2.20"))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(guess(directGrpc, "g@example.com", "192.0.2.21"))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(guess(directGrpc, "h@example.com", "192.0.2.22"))
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void logoutRefusesARotatedOrRevokedRefreshTokenAndChangesNothing() {
    IdentityModule identity = identity(config(Map.of()), null);
    SignedIn first = identity.auth().login(ROOT, PASSWORD, "", "203.0.113.5");
    String rotated = first.tokens().refreshToken();
    String current = identity.auth().refresh(rotated).tokens().refreshToken();
    SignedIn other = identity.auth().login(ROOT, PASSWORD, "", "203.0.113.5");

    // a stolen, already rotated token cannot sign the owner out of everything
    assertThatThrownBy(() -> identity.auth().logout(rotated, true))
        .isInstanceOf(UnauthenticatedException.class);
    String next = identity.auth().refresh(current).tokens().refreshToken();
    assertThat(identity.auth().refresh(other.tokens().refreshToken()).tokens().refreshToken())
        .isNotEmpty();

    assertThat(identity.auth().logout(next, false))
        .as("the whole family, rotated tokens included")
        .isEqualTo(3);
    assertThatThrownBy(() -> identity.auth().logout(next, true))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> identity.auth().logout("platform.not-a-token", false))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void serverRefusesToStartWithoutTheKeyEncryptionKey() {
    IdentityConfig production = IdentityConfig.fromEnv(new Env(Map.of()));
    assertThatThrownBy(
            () -> new IdentityModule(database.dataSource(), redis.client(), production, clock))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MESHDESK_KEY_ENCRYPTION_KEY");
  }

  private Status.Code guess(InProcessGrpc grpc, String email, String forwardedFor) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER), forwardedFor);
    IdentityServiceGrpc.IdentityServiceBlockingStub stub =
        IdentityServiceGrpc.newBlockingStub(grpc.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    try {
      stub.login(LoginRequest.newBuilder().setEmail(email).setPassword("guess").build());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static IdentityConfig config(Map<String, String> env) {
    return IdentityConfig.fromEnv(new Env(env))
        .withLocalKeyEncryption()
        .withBootstrapToken(BOOTSTRAP);
  }

  private IdentityModule identity(IdentityConfig config, Semaphore slots) {
    return identity(config, slots, database);
  }

  private IdentityModule identity(IdentityConfig config, Semaphore slots, Database db) {
    // Cheap Argon2 parameters: these tests are about who may hash when, not about the hash's cost.
    PasswordHasher hasher =
        slots == null
            ? new PasswordHasher(
                1024, 1, 1, new Semaphore(config.hashConcurrency()), Duration.ofSeconds(5))
            : new PasswordHasher(1024, 1, 1, slots, Duration.ofMillis(50));
    IdentityModule identity =
        new IdentityModule(db.dataSource(), redis.client(), config, clock, hasher);
    open.add(identity);
    return identity;
  }

  private static Database database(String hint) {
    DatabaseConfig db = TestEnvironment.get().newDatabase(hint);
    Migrations.apply(db, List.of(IdentityModule.CHANGELOG));
    return new Database(db, hint);
  }
}
