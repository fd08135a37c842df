package io.meshdesk.cli.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.ai.AiWorker;
import io.meshdesk.ai.AiWorkerConfig;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.RotateSigningKeyRequest;
import io.meshdesk.api.knowledge.v1.KnowledgeServiceGrpc;
import io.meshdesk.api.knowledge.v1.ListArticlesRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListCardProductsRequest;
import io.meshdesk.cli.demo.DemoSeed;
import io.meshdesk.cli.migrate.MigrateCommand;
import io.meshdesk.identity.domain.IdentityConfig;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.auth.Verifiers;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.TicketServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing-key rotation seen from the servers that verify tokens remotely: a real ticket-server (the
 * identity service), a real ledger-server and a real ai-worker, each of the two fetching the public
 * keys over gRPC with its own cache. A key rotated in after they started is accepted by both, and a
 * key whose overlap ended is refused by both although they accepted its tokens before.
 */
class KeyRotationIT {

  private static final Shutdown shared = new Shutdown();

  private static TicketServer ticket;
  private static Database owner;
  private static ManagedChannel identityChannel;
  private static ManagedChannel ledgerChannel;
  private static ManagedChannel workerChannel;
  private static UUID tenant;

  @BeforeAll
  static void startIdentityAndLedger() {
    DatabaseConfig db = TestEnvironment.get().newDatabase("keyrotation");
    MigrateCommand.applyAll(db);
    Infrastructure infra = new Infrastructure(db, TestEnvironment.get().newRedis("keyrotation"));
    ticket =
        shared.register(
            TicketServer.start(
                infra, GrpcConfig.loopback().withPort(0, -1), null, IdentityConfig.defaults()));
    tenant =
        DemoSeed.seed(ticket.identity(), new PrintStream(OutputStream.nullOutputStream()))
            .tenantId();
    owner = shared.register(new Database(db, "keyrotation-owner"));
    Database authDb =
        shared.register(new Database(db.forServer(DatabaseRole.LEDGER), "keyrotation-auth"));
    Redis authRedis = shared.register(new Redis(infra.redis()));
    String identityTarget = "127.0.0.1:" + ticket.port();
    LedgerServer ledger =
        shared.register(
            LedgerServer.start(
                infra,
                GrpcConfig.loopback().withPort(0, -1),
                null,
                shared.register(
                    Verifiers.forRemoteIdentity(
                        identityTarget, TlsConfig.plaintext(), authRedis, authDb))));
    TestTokens workerTokens = new TestTokens(ticket.identity().keys().signingKey());
    AiWorker worker =
        shared.register(
            AiWorker.start(
                infra,
                GrpcConfig.loopback().withPort(0, -1),
                null,
                shared.register(
                    Verifiers.forRemoteIdentity(
                        identityTarget, TlsConfig.plaintext(), authRedis, authDb)),
                t ->
                    workerTokens.service(
                        t, UUID.randomUUID(), io.meshdesk.platform.auth.Rbac.AI_WORKER_GRANTS),
                AiWorkerConfig.offline(identityTarget, "127.0.0.1:1")));
    identityChannel = channel(ticket.port());
    ledgerChannel = channel(ledger.port());
    workerChannel = channel(worker.port());
  }

  @AfterAll
  static void stop() {
    workerChannel.shutdownNow();
    ledgerChannel.shutdownNow();
    identityChannel.shutdownNow();
    shared.close();
  }

  @Test
  void ledgerAndWorkerFollowRotationsAtTheIdentityService() throws SQLException {
    String first = token();
    String firstKid = ticket.identity().keys().signingKey().getKeyID();
    assertThat(ledgerCall(first)).isNotEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(workerCall(first)).isNotEqualTo(Status.Code.UNAUTHENTICATED);

    rotate();
    String second = token();
    awaitAccepted(second, KeyRotationIT::ledgerCall);
    awaitAccepted(second, KeyRotationIT::workerCall);
    assertThat(ledgerCall(first))
        .as("the previous key verifies during its overlap")
        .isNotEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(workerCall(first)).isNotEqualTo(Status.Code.UNAUTHENTICATED);

    expireNow(firstKid);
    rotate();
    String third = token();
    awaitAccepted(third, KeyRotationIT::ledgerCall);
    awaitAccepted(third, KeyRotationIT::workerCall);
    assertThat(ledgerCall(first))
        .as("a key whose overlap ended is refused, though its tokens verified before")
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(workerCall(first)).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(ledgerCall(second)).isNotEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(workerCall(second)).isNotEqualTo(Status.Code.UNAUTHENTICATED);
  }

  /** A tenant admin's token signed by the identity service's current key. */
  private static String token() {
    TestTokens tokens = new TestTokens(ticket.identity().keys().signingKey());
    return tokens.user(tenant, UUID.randomUUID(), Role.ADMIN);
  }

  /** Rotates at the identity service, keeping the previous key for an hour. */
  private static void rotate() {
    String platformAdmin =
        new TestTokens(ticket.identity().keys().signingKey())
            .mint(
                UUID.randomUUID(),
                null,
                Role.PLATFORM_ADMIN,
                Set.of(),
                java.time.Duration.ofMinutes(5));
    IdentityServiceGrpc.newBlockingStub(identityChannel)
        .withCallCredentials(TestTokens.bearer(platformAdmin))
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .rotateSigningKey(
            RotateSigningKeyRequest.newBuilder()
                .setPreviousKeyOverlap(Duration.newBuilder().setSeconds(3600))
                .build());
  }

  /** Ends a key's overlap now, as if its hour had passed. */
  private static void expireNow(String kid) throws SQLException {
    try (Connection c = owner.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "update identity.signing_key set expires_at = now() - interval '1 second'"
                    + " where kid = ?")) {
      ps.setString(1, kid);
      assertThat(ps.executeUpdate()).isEqualTo(1);
      c.commit();
    }
  }

  /** Waits past the key source's refresh spacing; an unknown kid then triggers a refresh. */
  private static void awaitAccepted(String token, Function<String, Status.Code> server) {
    Awaitility.await()
        .atMost(60, TimeUnit.SECONDS)
        .pollInterval(500, TimeUnit.MILLISECONDS)
        .untilAsserted(
            () -> assertThat(server.apply(token)).isNotEqualTo(Status.Code.UNAUTHENTICATED));
  }

  private static Status.Code ledgerCall(String token) {
    try {
      LedgerServiceGrpc.newBlockingStub(ledgerChannel)
          .withCallCredentials(TestTokens.bearer(token))
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .listCardProducts(ListCardProductsRequest.getDefaultInstance());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static Status.Code workerCall(String token) {
    try {
      KnowledgeServiceGrpc.newBlockingStub(workerChannel)
          .withCallCredentials(TestTokens.bearer(token))
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .listArticles(ListArticlesRequest.getDefaultInstance());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static ManagedChannel channel(int port) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }
}
