package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdesk.api.ticket.v1.AgentHello;
import io.meshdesk.api.ticket.v1.AgentSessionRequest;
import io.meshdesk.api.ticket.v1.AgentSessionResponse;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats on idle Subscribe streams and agent sessions, through the same flow control as events.
 */
class StreamHeartbeatIT {

  static final Duration INTERVAL = Duration.ofMillis(150);
  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static TicketFixture server;

  /** A second instance used only by the stalled session, so its queue statistics are its own. */
  static TicketFixture quiet;

  @BeforeAll
  static void start() {
    DatabaseConfig db = TicketFixture.migratedDatabase("heartbeat");
    RedisConfig redis = TestEnvironment.get().newRedis("heartbeat");
    TicketConfig config = TicketConfig.defaults().withHeartbeatInterval(INTERVAL);
    server = new TicketFixture(db, redis, tokens, users, Clock.systemUTC(), config);
    quiet = new TicketFixture(db, redis, tokens, users, Clock.systemUTC(), config);
  }

  @AfterAll
  static void stop() {
    server.close();
    quiet.close();
  }

  @Test
  void idleSubscribeStreamGetsHeartbeatsCarryingItsLatestSequence() {
    var t = TicketFixture.Tenant.create(users);
    var agent = server.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    agent.createTicket(ticket("one"));
    agent.createTicket(ticket("two"));

    var stream = server.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), null);
    await().until(() -> heartbeats(stream.events).size() >= 2);
    TicketEvent beat = heartbeats(stream.events).get(0);
    assertThat(beat.getSequence()).isEqualTo(2);
    assertThat(beat.getHeartbeat().getInterval().getNanos()).isEqualTo((int) INTERVAL.toNanos());
    assertThat(stream.sequences()).isEmpty();

    agent.createTicket(ticket("three"));
    await().until(() -> heartbeats(stream.events).stream().anyMatch(e -> e.getSequence() == 3));
    assertThat(stream.sequences()).containsExactly(3L);
  }

  @Test
  void busyStreamGetsEveryEventInOrderAndHeartbeatsNeverRunAhead() throws Exception {
    var t = TicketFixture.Tenant.create(users);
    var stream = server.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
    var agent = server.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    for (int i = 0; i < 40; i++) {
      agent.createTicket(ticket("busy " + i));
      if (i % 10 == 0) {
        int seen = heartbeats(stream.events).size();
        await()
            .until(
                () ->
                    heartbeats(stream.events).size() > seen); // let the stream go idle now and then
      }
    }
    await().until(() -> stream.sequences().size() >= 40);
    assertThat(stream.sequences()).isEqualTo(LongStream.rangeClosed(1, 40).boxed().toList());
    long lastEvent = 0;
    for (TicketEvent e : stream.events) {
      if (e.hasHeartbeat()) {
        assertThat(e.getSequence())
            .as("a heartbeat names the last event sent before it")
            .isEqualTo(lastEvent);
      } else {
        lastEvent = e.getSequence();
      }
    }
    assertThat(heartbeats(stream.events)).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void agentSessionAdvertisesTheIntervalAndGetsHeartbeatsWhenIdle() {
    var t = TicketFixture.Tenant.create(users);
    server
        .stub(tokens.user(t.id(), t.agent(), Role.AGENT))
        .createTicket(ticket("before the session"));
    var session = new TicketStreamsIT.Session();
    var requests = server.async(tokens.user(t.id(), t.agent2(), Role.AGENT)).agentSession(session);
    requests.onNext(
        AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());

    await()
        .until(
            () -> session.messages.stream().filter(m -> m.getEvent().hasHeartbeat()).count() >= 2);
    AgentSessionResponse welcome = session.messages.get(0);
    assertThat(welcome.getWelcome().getHeartbeatInterval().getNanos())
        .isEqualTo((int) INTERVAL.toNanos());
    assertThat(
            session.messages.stream()
                .filter(m -> m.getEvent().hasHeartbeat())
                .map(m -> m.getEvent().getSequence()))
        .containsOnly(1L);
    requests.onCompleted();
  }

  @Test
  void sessionThatDoesNotReadGetsNoQueuedHeartbeats() {
    var t = TicketFixture.Tenant.create(users);
    var stalled = new TicketStreamsIT.StalledSession();
    var requests = quiet.async(tokens.user(t.id(), t.agent(), Role.AGENT)).agentSession(stalled);
    requests.onNext(
        AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    var reader = server.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), null);
    await().until(() -> heartbeats(reader.events).size() >= 5); // several intervals passed

    assertThat(stalled.messages).isEmpty();
    assertThat(quiet.tickets.outboundStats().peakQueued())
        .as("only the welcome waits")
        .isEqualTo(1);

    stalled.call.request(100);
    await().until(() -> stalled.messages.stream().anyMatch(m -> m.getEvent().hasHeartbeat()));
    assertThat(stalled.messages.get(0).hasWelcome()).isTrue();
    requests.onCompleted();
  }

  private static List<TicketEvent> heartbeats(List<TicketEvent> events) {
    return events.stream().filter(TicketEvent::hasHeartbeat).toList();
  }
}
