package io.meshdesk.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.PoolExhaustedException;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.echo.v1.EchoRequest;
import io.meshdesk.testing.echo.v1.EchoResponse;
import io.meshdesk.testing.echo.v1.EchoServiceGrpc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission control against a real server and a real database: calls past the limit are refused at
 * once with a pushback and write nothing, calls too close to their deadline never start, pool waits
 * end with the caller's deadline, background work keeps to its share of the pool, and Meshdesk's
 * client channels retry after the pushback.
 */
class OverloadIT {

  private static DatabaseConfig config;
  private static Database database;
  private static Transactions tx;
  private static final UUID TENANT = UUID.randomUUID();

  /** Writes one note per call (the call's text), then holds until released. */
  static final class WritingService extends EchoServiceGrpc.EchoServiceImplBase {
    final AtomicInteger entered = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> response) {
      tx.inTenant(
          TENANT,
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement("insert into testing.note values (?, ?, ?)")) {
              ps.setObject(1, TENANT);
              ps.setObject(2, UUID.randomUUID());
              ps.setString(3, request.getText());
              return ps.executeUpdate();
            }
          });
      entered.incrementAndGet();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      response.onNext(EchoResponse.newBuilder().setText(request.getText()).build());
      response.onCompleted();
    }
  }

  @BeforeAll
  static void migrate() {
    config = TestEnvironment.get().newDatabase("overload");
    Migrations.apply(config, List.of("db/changelog/testing/master.yaml"));
    database = new Database(config, "overload-it");
    tx = new Transactions(database.dataSource());
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void callsBeyondTheLimitAreRefusedAtOnceWithAPushbackAndWriteNothing() throws Exception {
    int limit = 4;
    WritingService service = new WritingService();
    try (GrpcServer server =
        GrpcServer.builder("overload-it", GrpcConfig.loopback())
            .addService(service)
            .overload(OverloadConfig.fixed(limit))
            .build()
            .start()) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        var stub = EchoServiceGrpc.newFutureStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        List<ListenableFuture<EchoResponse>> calls = new ArrayList<>();
        for (int i = 0; i < limit * 3; i++) {
          calls.add(stub.echo(EchoRequest.newBuilder().setText("limit-" + i).build()));
        }
        // the excess is answered while the accepted calls still hold their permits
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> calls.stream().filter(f -> f.isDone()).count() == limit * 2L);
        assertThat(service.entered).hasValue(limit);
        Set<String> refused = new TreeSet<>();
        for (int i = 0; i < calls.size(); i++) {
          if (calls.get(i).isDone()) {
            StatusRuntimeException e = cause(calls.get(i));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(Long.parseLong(e.getTrailers().get(OverloadInterceptor.PUSHBACK)))
                .isPositive();
            refused.add("limit-" + i);
          }
        }
        service.release.countDown();
        Set<String> accepted = new TreeSet<>();
        for (var f : calls) {
          if (!f.isDone() || !isFailed(f)) {
            accepted.add(f.get(30, TimeUnit.SECONDS).getText());
          }
        }
        assertThat(accepted).hasSize(limit).doesNotContainAnyElementsOf(refused);
        assertThat(notes("limit-")).isEqualTo(accepted);
        assertThat(server.overload().refused()).isEqualTo(limit * 2L);
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void aCallWithTooLittleTimeLeftNeverRunsAndWritesNothing() throws Exception {
    WritingService service = new WritingService();
    service.release.countDown();
    OverloadConfig floor =
        new OverloadConfig(
            true,
            16,
            4,
            64,
            2.0,
            Duration.ofSeconds(1),
            Duration.ofMillis(200),
            Duration.ofMillis(50),
            256);
    try (GrpcServer server =
        GrpcServer.builder("deadline-it", GrpcConfig.loopback())
            .addService(service)
            .overload(floor)
            .build()
            .start()) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        var stub = EchoServiceGrpc.newBlockingStub(channel);
        stub.withDeadlineAfter(10, TimeUnit.SECONDS)
            .echo(EchoRequest.newBuilder().setText("warm").build());
        assertThatThrownBy(
                () ->
                    stub.withDeadlineAfter(100, TimeUnit.MILLISECONDS)
                        .echo(EchoRequest.newBuilder().setText("late").build()))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        // a later call on the same connection has run once the refused one would have
        stub.withDeadlineAfter(10, TimeUnit.SECONDS)
            .echo(EchoRequest.newBuilder().setText("marker").build());
        assertThat(service.entered).hasValue(2);
        assertThat(notes("late")).isEmpty();
        assertThat(server.overload().refused()).isEqualTo(1);
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void waitingForAPooledConnectionEndsWithTheCallsDeadline() throws Exception {
    DatabaseConfig two =
        new DatabaseConfig(
            config.jdbcUrl(),
            config.user(),
            config.password(),
            config.ownerUser(),
            config.ownerPassword(),
            2);
    try (Database small = new Database(two, "overload-small");
        Connection a = small.dataSource().getConnection();
        Connection b = small.dataSource().getConnection()) {
      long t0 = System.nanoTime();
      Context withDeadline =
          Context.current()
              .withDeadlineAfter(
                  300,
                  TimeUnit.MILLISECONDS,
                  java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
      assertThatThrownBy(() -> withDeadline.call(() -> small.dataSource().getConnection()))
          .isInstanceOf(PoolExhaustedException.class);
      // the pool's own timeout is 5 s; the caller gave 300 ms
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
      StatusRuntimeException mapped = StatusMapper.toStatus(new PoolExhaustedException("busy"));
      assertThat(mapped.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(mapped.getTrailers().get(OverloadInterceptor.PUSHBACK)).isNotBlank();
    }
  }

  @Test
  void backgroundWorkCannotTakeTheConnectionsRequestsNeed() throws Exception {
    DatabaseConfig four =
        new DatabaseConfig(
            config.jdbcUrl(),
            config.user(),
            config.password(),
            config.ownerUser(),
            config.ownerPassword(),
            4);
    try (Database db = new Database(four, "overload-bg")) {
      // background work takes its whole share (a quarter: one connection) and asks for more
      Connection held = db.backgroundDataSource().getConnection();
      CompletableFuture<Connection> more =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return db.backgroundDataSource().getConnection();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // requests still get every other connection of the pool
      List<Connection> requests = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        requests.add(db.dataSource().getConnection());
      }
      assertThat(more).isNotDone();
      held.close();
      Connection second = more.get(10, TimeUnit.SECONDS);
      assertThat(second.isValid(1)).isTrue();
      second.close();
      for (Connection c : requests) {
        c.close();
      }
    }
  }

  @Test
  void meshdeskClientsRetryAfterThePushback() throws Exception {
    WritingService service = new WritingService();
    // one permit, and a pushback long enough that the retry is due well after the permit frees
    OverloadConfig one =
        new OverloadConfig(
            true,
            1,
            1,
            1,
            2.0,
            Duration.ofSeconds(1),
            Duration.ofMillis(5),
            Duration.ofSeconds(1),
            256);
    try (GrpcServer server =
        GrpcServer.builder("retry-it", GrpcConfig.loopback())
            .addService(service)
            .overload(one)
            .build()
            .start()) {
      ManagedChannel plain =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      ManagedChannel retrying =
          ClientRetry.apply(NettyChannelBuilder.forAddress("127.0.0.1", server.port()))
              .usePlaintext()
              .build();
      try {
        var holder =
            EchoServiceGrpc.newFutureStub(plain)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .echo(EchoRequest.newBuilder().setText("retry-holder").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> service.entered.get() == 1);
        var second =
            EchoServiceGrpc.newFutureStub(retrying)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .echo(EchoRequest.newBuilder().setText("retry-second").build());
        // its first attempt is refused with a pushback; the permit frees before the retry is due
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> server.overload().refused() >= 1);
        service.release.countDown();
        assertThat(second.get(30, TimeUnit.SECONDS).getText()).isEqualTo("retry-second");
        assertThat(server.overload().refused())
            .as("the client waited for the pushback instead of hammering")
            .isEqualTo(1);
        assertThat(holder.get(30, TimeUnit.SECONDS).getText()).isEqualTo("retry-holder");
        assertThat(notes("retry-")).containsExactly("retry-holder", "retry-second");
      } finally {
        plain.shutdownNow();
        retrying.shutdownNow();
      }
    }
  }

  private static Set<String> notes(String prefix) {
    return tx.inTenant(
        TENANT,
        c -> {
          Set<String> out = new TreeSet<>();
          try (PreparedStatement ps =
              c.prepareStatement("select body from testing.note where body like ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
          }
          return out;
        });
  }

  private static boolean isFailed(ListenableFuture<?> f) {
    try {
      f.get();
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static StatusRuntimeException cause(ListenableFuture<?> f) {
    try {
      f.get();
      throw new AssertionError("expected a refusal");
    } catch (ExecutionException e) {
      return (StatusRuntimeException) e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
