package io.meshdesk.ticket;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One ticket-server-like instance for tests: its own pools and Redis client on a shared test
 * database and key prefix, the ticket service behind the real interceptor chain, in-process.
 */
final class TicketFixture implements AutoCloseable {

  static final String CHANGELOG = "db/changelog/ticket/master.yaml";

  final Database database;
  final Redis redis;
  final TicketModule tickets;
  final InProcessGrpc grpc;

  TicketFixture(
      DatabaseConfig db,
      RedisConfig rc,
      TestTokens tokens,
      InMemoryUserDirectory users,
      Clock clock,
      TicketConfig config) {
    this.database = new Database(db, "tickets-test");
    this.redis = new Redis(rc);
    this.tickets = new TicketModule(database, redis, users, clock, config);
    this.grpc = InProcessGrpc.start(List.of(tickets.service()), List.of(tokens.interceptor()));
  }

  static DatabaseConfig migratedDatabase(String hint) {
    DatabaseConfig db = TestEnvironment.get().newDatabase(hint);
    Migrations.apply(db, List.of(CHANGELOG));
    return db;
  }

  ManagedChannel channel() {
    return grpc.channel();
  }

  TicketServiceGrpc.TicketServiceBlockingStub stub(String token) {
    return TicketServiceGrpc.newBlockingStub(channel())
        .withCallCredentials(TestTokens.bearer(token));
  }

  TicketServiceGrpc.TicketServiceStub async(String token) {
    return TicketServiceGrpc.newStub(channel()).withCallCredentials(TestTokens.bearer(token));
  }

  /** Subscribes and collects events. */
  Collector subscribe(String token, Long after) {
    Collector c = new Collector();
    SubscribeRequest.Builder r = SubscribeRequest.newBuilder();
    if (after != null) {
      r.setAfterSequence(after);
    }
    async(token).subscribe(r.build(), c);
    return c;
  }

  static CreateTicketRequest ticket(String subject) {
    return CreateTicketRequest.newBuilder()
        .setSubject(subject)
        .setBody("Body of " + subject)
        .build();
  }

  @Override
  public void close() {
    grpc.close();
    tickets.close();
    redis.close();
    database.close();
  }

  /**
   * Collects a stream's events; the CaughtUp marker is kept apart, with the number of events before
   * it.
   */
  static final class Collector implements StreamObserver<SubscribeResponse> {
    final List<TicketEvent> events = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    volatile boolean completed;
    volatile TicketEvent caughtUp;
    volatile int eventsBeforeCaughtUp = -1;
    volatile int caughtUpCount;

    @Override
    public void onNext(SubscribeResponse value) {
      if (value.getEvent().hasCaughtUp()) {
        eventsBeforeCaughtUp = events.size();
        caughtUp = value.getEvent();
        caughtUpCount++;
        return;
      }
      events.add(value.getEvent());
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
    }

    @Override
    public void onCompleted() {
      completed = true;
    }

    List<Long> sequences() {
      return events.stream()
          .filter(e -> !e.hasResync() && !e.hasHeartbeat())
          .map(TicketEvent::getSequence)
          .toList();
    }

    List<String> ticketIds() {
      return events.stream().map(TicketEvent::getTicketId).toList();
    }
  }

  /** A clock tests move by hand. */
  /** A tenant with an admin, two agents and two customers. */
  record Tenant(UUID id, UUID admin, UUID agent, UUID agent2, UUID customer, UUID customer2) {
    static Tenant create(InMemoryUserDirectory users) {
      Tenant t =
          new Tenant(
              UUID.randomUUID(),
              UUID.randomUUID(),
              UUID.randomUUID(),
              UUID.randomUUID(),
              UUID.randomUUID(),
              UUID.randomUUID());
      users
          .add(t.id, t.admin, Role.ADMIN, "Ada Admin", Set.of())
          .add(t.id, t.agent, Role.AGENT, "Alan Agent", Set.of())
          .add(t.id, t.agent2, Role.AGENT, "Grace Agent", Set.of())
          .add(t.id, t.customer, Role.CUSTOMER, "Carl Customer", Set.of())
          .add(t.id, t.customer2, Role.CUSTOMER, "Cora Customer", Set.of());
      return t;
    }
  }
}
