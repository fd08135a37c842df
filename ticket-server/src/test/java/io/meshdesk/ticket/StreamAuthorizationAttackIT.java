package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.AgentHello;
import io.meshdesk.api.ticket.v1.AgentSessionRequest;
import io.meshdesk.api.ticket.v1.AgentSessionResponse;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.ViewTicket;
import io.meshdesk.api.ticket.v1.WatchTicketRequest;
import io.meshdesk.api.ticket.v1.WatchTicketResponse;
import io.meshdesk.platform.auth.AccessChanges;
import io.meshdesk.platform.auth.DatabaseTenantGate;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streams stay authorized for as long as they last: an expired token, a deactivated or re-roled
 * user and a suspended tenant stop receiving events; one caller cannot hold unbounded streams, an
 * agent session cannot skip its hello nor grow its viewing set without bound.
 */
class StreamAuthorizationAttackIT {

  static final int MAX_STREAMS = 3;
  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static TicketFixture server;

  @BeforeAll
  static void start() {
    DatabaseConfig db = TicketFixture.migratedDatabase("streamauth");
    RedisConfig redis = TestEnvironment.get().newRedis("streamauth");
    server =
        new TicketFixture(
            db,
            redis,
            tokens,
            users,
            Clock.systemUTC(),
            TicketConfig.defaults().withMaxStreamsPerPrincipal(MAX_STREAMS));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void subscribeEndsWhenTheTokenExpiresAndResumesAfterRefreshWithNothingLostOrDuplicated() {
    var t = TicketFixture.Tenant.create(users);
    var writer = server.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    writer.createTicket(ticket("before"));

    // given a stream opened with a token that expires in two seconds
    String shortLived =
        tokens.mint(t.agent2(), t.id(), Role.AGENT, Set.of(), Duration.ofSeconds(2));
    var first = server.subscribe(shortLived, 0L);
    await().until(() -> first.caughtUp != null);
    writer.createTicket(ticket("while live"));
    await().until(() -> first.sequences().size() == 2);

    // when the token expires, the stream ends with a reason the client acts on
    await().atMost(Duration.ofSeconds(10)).until(() -> first.error.get() != null);
    assertThat(Status.fromThrowable(first.error.get()).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(StreamRecorder.reason(first.error.get())).isEqualTo("TOKEN_EXPIRED");
    writer.createTicket(ticket("while away"));

    // then the refreshed client resumes after its last sequence and misses nothing
    long last = first.sequences().getLast();
    var second = server.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), last);
    await().until(() -> second.caughtUp != null);
    writer.createTicket(ticket("after refresh"));
    await().until(() -> second.sequences().size() == 2);
    List<Long> all = new ArrayList<>(first.sequences());
    all.addAll(second.sequences());
    assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, 4).boxed().toList());
  }

  @Test
  void deactivatedOrReRoledUserLosesSubscribeAgentSessionAndWatchAtOnce() {
    var t = TicketFixture.Tenant.create(users);
    String agent = tokens.user(t.id(), t.agent(), Role.AGENT);
    Ticket ticket = server.stub(agent).createTicket(ticket("watched")).getTicket();
    var events = server.subscribe(agent, null);
    var session = new StreamRecorder<AgentSessionResponse>();
    server
        .async(agent)
        .agentSession(session)
        .onNext(AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    var watch = new StreamRecorder<WatchTicketResponse>();
    server
        .async(agent)
        .watchTicket(
            WatchTicketRequest.newBuilder().setTicketId(ticket.getId()).setVersion(1).build(),
            watch);
    var colleague = server.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), null);
    await()
        .until(
            () ->
                events.caughtUp != null
                    && colleague.caughtUp != null
                    && session.has(m -> m.hasEvent() && m.getEvent().hasCaughtUp())
                    && watch.has(WatchTicketResponse::hasCaughtUp));

    // when identity announces that the agent's access changed (deactivation or a new role)
    AccessChanges.publishUser(server.redis.client(), t.agent());

    // then all three of the agent's streams end, the colleague's does not
    await().until(() -> events.error.get() != null && session.failed() && watch.failed());
    for (Throwable e : List.of(events.error.get(), session.error.get(), watch.error.get())) {
      assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(StreamRecorder.reason(e)).isEqualTo("ACCESS_REVOKED");
    }
    server
        .stub(tokens.user(t.id(), t.admin(), Role.ADMIN))
        .createTicket(ticket("after revocation"));
    await().until(() -> colleague.sequences().size() == 1);
    assertThat(colleague.error.get()).isNull();
    assertThat(events.sequences()).isEmpty();
  }

  @Test
  void suspendedTenantLosesItsStreamsAndOtherTenantsKeepTheirs() {
    var suspended = TicketFixture.Tenant.create(users);
    var other = TicketFixture.Tenant.create(users);
    var gone = server.subscribe(tokens.user(suspended.id(), suspended.agent(), Role.AGENT), null);
    var kept = server.subscribe(tokens.user(other.id(), other.agent(), Role.AGENT), null);
    await().until(() -> gone.caughtUp != null && kept.caughtUp != null);

    DatabaseTenantGate.publishChange(server.redis.client(), suspended.id());

    await().until(() -> gone.error.get() != null);
    assertThat(StreamRecorder.reason(gone.error.get())).isEqualTo("ACCESS_REVOKED");
    server
        .stub(tokens.user(other.id(), other.admin(), Role.ADMIN))
        .createTicket(ticket("still served"));
    await().until(() -> kept.sequences().size() == 1);
    assertThat(kept.error.get()).isNull();
  }

  @Test
  void callerBeyondTheStreamLimitIsRefusedUntilOneCloses() throws Exception {
    var t = TicketFixture.Tenant.create(users);
    String agent = tokens.user(t.id(), t.agent(), Role.AGENT);
    var open = new ArrayList<io.grpc.Context.CancellableContext>();
    for (int i = 0; i < MAX_STREAMS; i++) {
      var ctx = io.grpc.Context.current().withCancellation();
      var c = ctx.call(() -> server.subscribe(agent, null));
      await().until(() -> c.caughtUp != null);
      open.add(ctx);
    }

    var refused = new StreamRecorder<AgentSessionResponse>();
    server
        .async(agent)
        .agentSession(refused)
        .onNext(AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    await().until(refused::failed);
    assertThat(refused.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.messages).isEmpty();

    open.getFirst().cancel(null);
    await()
        .untilAsserted(
            () -> {
              var again = server.subscribe(agent, null);
              await()
                  .atMost(Duration.ofSeconds(2))
                  .until(() -> again.caughtUp != null || again.error.get() != null);
              assertThat(again.error.get()).isNull();
            });
    open.forEach(ctx -> ctx.cancel(null));
  }

  @Test
  void agentSessionWhoseFirstMessageIsNotHelloIsRefusedAndEnds() {
    var t = TicketFixture.Tenant.create(users);
    var session = new StreamRecorder<AgentSessionResponse>();
    StreamObserver<AgentSessionRequest> requests =
        server.async(tokens.user(t.id(), t.agent(), Role.AGENT)).agentSession(session);
    requests.onNext(
        AgentSessionRequest.newBuilder()
            .setViewTicket(
                ViewTicket.newBuilder().setTicketId(UUID.randomUUID().toString()).setVersion(1))
            .build());

    await().until(session::failed);
    assertThat(session.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(session.error.get()).hasMessageContaining("hello");
    assertThat(session.messages).isEmpty();
  }

  @Test
  void agentSessionViewingMoreTicketsThanTheBoundEnds() {
    var t = TicketFixture.Tenant.create(users);
    var session = new StreamRecorder<AgentSessionResponse>();
    StreamObserver<AgentSessionRequest> requests =
        server.async(tokens.user(t.id(), t.agent(), Role.AGENT)).agentSession(session);
    requests.onNext(
        AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    for (int i = 0; i < 101; i++) {
      requests.onNext(
          AgentSessionRequest.newBuilder()
              .setViewTicket(
                  ViewTicket.newBuilder().setTicketId(UUID.randomUUID().toString()).setVersion(1))
              .build());
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(session::failed); // 101 presence announcements first
    assertThat(session.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(session.error.get()).hasMessageContaining("100 tickets");
  }

  @Test
  void agentSessionAskingForAHugeBufferIsRefused() {
    var t = TicketFixture.Tenant.create(users);
    var session = new StreamRecorder<AgentSessionResponse>();
    server
        .async(tokens.user(t.id(), t.agent(), Role.AGENT))
        .agentSession(session)
        .onNext(
            AgentSessionRequest.newBuilder()
                .setHello(AgentHello.newBuilder().setMaxUnackedEvents(2001))
                .build());

    await().until(session::failed);
    assertThat(session.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(session.error.get()).hasMessageContaining("max_unacked_events");
  }
}
