package io.meshdesk.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.meshdesk.ai.worker.JobQueue;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.grpc.GrpcServer;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.reminder.dispatch.DispatchConfig;
import io.meshdesk.reminder.dispatch.DispatchQueue;
import io.meshdesk.testing.RedisProcesses;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.TicketConfig;
import io.meshdesk.ticket.TicketModule;
import io.meshdesk.ticket.TicketServer;
import io.meshdesk.ticket.persistence.JdbcUserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parts of Meshdesk that ride on Redis work on a three-primary Redis Cluster of real
 * redis-server processes: the ticket fan-out between two ticket-server instances, the AI job stream
 * from ticket-server to the AI worker's consumer group, the reminder dispatch stream, and the rate
 * limiters; and the keys that must live together share a hash slot.
 */
class RedisClusterIT {

  private static final TestTokens TOKENS = new TestTokens();
  private static final Shutdown SHUTDOWN = new Shutdown();
  private static RedisProcesses.Cluster cluster;
  private static RedisConfig redisConfig;
  private static final List<String> targets = new ArrayList<>();

  @BeforeAll
  static void start() {
    cluster = SHUTDOWN.register(RedisProcesses.cluster(3));
    redisConfig = cluster.config("cluster-it:");
    DatabaseConfig db = TestEnvironment.get().newDatabase("redis_cluster");
    Migrations.apply(db, TicketServer.CHANGELOGS);
    for (int i = 0; i < 2; i++) {
      Database database =
          SHUTDOWN.register(new Database(db.forServer(DatabaseRole.TICKET), "cluster-" + i));
      Redis redis = SHUTDOWN.register(new Redis(redisConfig));
      TicketModule tickets =
          SHUTDOWN.register(
              new TicketModule(
                  database,
                  redis,
                  new JdbcUserDirectory(new Transactions(database.dataSource())),
                  Clock.systemUTC(),
                  TicketConfig.defaults()));
      GrpcServer server =
          SHUTDOWN.register(
              GrpcServer.builder("ticket-cluster-" + i, GrpcConfig.loopback())
                  .addService(tickets.service())
                  .addInterceptor(TOKENS.interceptor())
                  .build());
      server.start();
      targets.add("127.0.0.1:" + server.port());
    }
  }

  @AfterAll
  static void stop() {
    SHUTDOWN.close();
  }

  @Test
  void ticketChangesFanOutAcrossInstancesAndAiJobsReachTheWorkersGroup() {
    UUID tenant = UUID.randomUUID();
    String token = TOKENS.user(tenant, UUID.randomUUID(), Role.AGENT);
    ManagedChannel a = NettyChannelBuilder.forTarget(targets.get(0)).usePlaintext().build();
    ManagedChannel b = NettyChannelBuilder.forTarget(targets.get(1)).usePlaintext().build();
    try (Redis worker = new Redis(redisConfig)) {
      JobQueue jobs = new JobQueue(worker.client(), "cluster-it-worker");
      jobs.ensureGroup();
      // given an agent streaming from instance B
      List<SubscribeResponse> seen = new CopyOnWriteArrayList<>();
      TicketServiceGrpc.newStub(b)
          .withCallCredentials(TestTokens.bearer(token))
          .subscribe(SubscribeRequest.getDefaultInstance(), collect(seen));

      // when tickets are created through instance A
      var creator =
          TicketServiceGrpc.newBlockingStub(a).withCallCredentials(TestTokens.bearer(token));
      List<String> created = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                created.add(
                    creator
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .createTicket(
                            CreateTicketRequest.newBuilder()
                                .setSubject("Cluster " + created.size())
                                .setBody("Across the cluster")
                                .build())
                        .getTicket()
                        .getId());
                // then instance B delivers them over the cluster's pub/sub
                assertThat(seen)
                    .anySatisfy(
                        r -> assertThat(r.getEvent().getTicketId()).isEqualTo(created.getLast()));
              });

      // and the AI worker's consumer group receives each ticket's job from the cluster stream
      List<String> jobTickets = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                for (JobQueue.Delivery d : jobs.readNew(100, Duration.ofMillis(200))) {
                  jobTickets.add(d.job().getTicketId());
                  jobs.ack(d.id());
                }
                assertThat(jobTickets).containsAll(created);
              });
    } finally {
      a.shutdownNow();
      b.shutdownNow();
    }
  }

  @Test
  void reminderDispatchStreamWorksAndKeepsItsEpochInTheSameSlot() {
    try (Redis redis = new Redis(redisConfig)) {
      DispatchQueue queue = new DispatchQueue(redis.client());
      queue.ensureGroup();
      DispatchQueue.Epoch epoch = queue.epoch();
      UUID tenant = UUID.randomUUID();
      List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
      queue.publish(tenant, ids);
      var read = queue.read("cluster-it", 10, Duration.ofSeconds(1));
      assertThat(read.values())
          .extracting(m -> m.get("d"))
          .containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
      queue.ack(read.keySet());
      assertThat(queue.pending()).isZero();
      assertThat(queue.epoch()).isEqualTo(new DispatchQueue.Epoch(epoch.value(), false));

      int port = cluster.nodes().getFirst().port();
      String prefix = redisConfig.keyPrefix();
      assertThat(RedisProcesses.cli(port, "CLUSTER", "KEYSLOT", prefix + DispatchConfig.STREAM))
          .isEqualTo(
              RedisProcesses.cli(
                  port, "CLUSTER", "KEYSLOT", prefix + DispatchConfig.STREAM + ":epoch"));
    }
  }

  @Test
  void rateLimitersWorkOnTheCluster() {
    try (Redis redis = new Redis(redisConfig)) {
      var limiter = redis.client().getRateLimiter("cluster-it:limiter:" + UUID.randomUUID());
      limiter.trySetRate(org.redisson.api.RateType.OVERALL, 2, Duration.ofMinutes(1));
      assertThat(List.of(limiter.tryAcquire(), limiter.tryAcquire(), limiter.tryAcquire()))
          .containsExactly(true, true, false);
    }
  }

  @Test
  void keysSpreadOverEveryPrimary() {
    try (Redis redis = new Redis(redisConfig)) {
      for (int i = 0; i < 60; i++) {
        redis.client().getBucket("spread:" + i).set("x");
      }
    }
    assertThat(cluster.keysPerNode()).allSatisfy(n -> assertThat(n).isPositive());
  }

  private static StreamObserver<SubscribeResponse> collect(List<SubscribeResponse> into) {
    return new StreamObserver<>() {
      @Override
      public void onNext(SubscribeResponse value) {
        into.add(value);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }
}
