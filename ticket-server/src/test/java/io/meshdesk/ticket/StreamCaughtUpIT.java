package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdesk.api.ticket.v1.AgentHello;
import io.meshdesk.api.ticket.v1.AgentSessionRequest;
import io.meshdesk.api.ticket.v1.AgentSessionResponse;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.WatchTicketRequest;
import io.meshdesk.api.ticket.v1.WatchTicketResponse;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every stream tells its client when it is live (CaughtUp), without waiting for an event. */
class StreamCaughtUpIT {

  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static TicketFixture server;

  @BeforeAll
  static void start() {
    DatabaseConfig db = TicketFixture.migratedDatabase("caughtup");
    RedisConfig redis = TestEnvironment.get().newRedis("caughtup");
    server =
        new TicketFixture(db, redis, tokens, users, Clock.systemUTC(), TicketConfig.defaults());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void subscribeSignalsCaughtUpOnceRightAfterTheReplay() {
    var t = TicketFixture.Tenant.create(users);
    var writer = server.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    for (int i = 0; i < 3; i++) {
      writer.createTicket(ticket("replayed " + i));
    }

    var stream = server.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
    await().until(() -> stream.caughtUp != null);
    writer.createTicket(ticket("live"));
    await().until(() -> stream.sequences().size() == 4);

    assertThat(stream.eventsBeforeCaughtUp).isEqualTo(3);
    assertThat(stream.caughtUp.getSequence()).isEqualTo(3);
    assertThat(stream.caughtUpCount).isEqualTo(1);
  }

  @Test
  void quietLiveSubscribeIsCaughtUpAtOnceWithoutAnyEvent() {
    var t = TicketFixture.Tenant.create(users);

    var stream = server.subscribe(tokens.user(t.id(), t.agent(), Role.AGENT), null);

    await().until(() -> stream.caughtUp != null); // the heartbeat would only come after 30 s
    assertThat(stream.events).isEmpty();
    assertThat(stream.caughtUp.getSequence()).isZero();
  }

  @Test
  void agentSessionSendsWelcomeThenReplayThenCaughtUp() {
    var t = TicketFixture.Tenant.create(users);
    var writer = server.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    writer.createTicket(ticket("one"));
    writer.createTicket(ticket("two"));

    var session = new StreamRecorder<AgentSessionResponse>();
    server
        .async(tokens.user(t.id(), t.agent2(), Role.AGENT))
        .agentSession(session)
        .onNext(
            AgentSessionRequest.newBuilder()
                .setHello(AgentHello.newBuilder().setAfterSequence(0))
                .build());

    await().until(() -> session.has(m -> m.hasEvent() && m.getEvent().hasCaughtUp()));
    assertThat(session.messages)
        .extracting(
            m ->
                m.hasWelcome()
                    ? "welcome"
                    : m.getEvent().hasCaughtUp()
                        ? "caught up " + m.getEvent().getSequence()
                        : "event " + m.getEvent().getSequence())
        .containsExactly("welcome", "event 1", "event 2", "caught up 2");
  }

  @Test
  void watchTicketStartsWithCaughtUp() {
    var t = TicketFixture.Tenant.create(users);
    String agent = tokens.user(t.id(), t.agent(), Role.AGENT);
    Ticket ticket = server.stub(agent).createTicket(ticket("watched")).getTicket();

    var watch = new StreamRecorder<WatchTicketResponse>();
    server
        .async(agent)
        .watchTicket(
            WatchTicketRequest.newBuilder().setTicketId(ticket.getId()).setVersion(1).build(),
            watch);

    await().until(() -> watch.has(WatchTicketResponse::hasPresence));
    assertThat(watch.messages.getFirst().hasCaughtUp()).isTrue();
    assertThat(watch.messages).filteredOn(WatchTicketResponse::hasCaughtUp).hasSize(1);
  }
}
