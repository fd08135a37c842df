package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.AgentHello;
import io.meshdesk.api.ticket.v1.AgentSessionRequest;
import io.meshdesk.api.ticket.v1.AgentSessionResponse;
import io.meshdesk.api.ticket.v1.CreateTeamRequest;
import io.meshdesk.api.ticket.v1.ViewTicket;
import io.meshdesk.api.ticket.v1.ViewerPresence;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Round-robin auto-assignment: a ticket routed to a team goes to the team's agents that have an
 * open AgentSession, in turn; offline agents and other teams' agents never get one.
 *
 * <p>Presence travels through Redis, so each session views a probe ticket and the test awaits the
 * presence snapshot: the instance's presence replica has then seen the session's "online" (sent
 * before the view) or "gone" (which also drops the view).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoAssignIT {

  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static RedisConfig redisConfig;
  static TicketFixture server;

  @BeforeAll
  static void start() {
    redisConfig = TestEnvironment.get().newRedis("autoassign");
    server =
        new TicketFixture(
            TicketFixture.migratedDatabase("autoassign"),
            redisConfig,
            tokens,
            users,
            Clock.systemUTC(),
            TicketConfig.defaults().withAutoAssign(true));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void teamTicketsAlternateBetweenOnlineAgentsOfTheTeamOnly() {
    Desk d = Desk.create();
    Session ann = d.open(d.ann);
    Session bob = d.open(d.bob);
    Session otherTeam = d.open(d.dan);

    List<String> assignees = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      assignees.add(d.createForTeam("help " + i));
    }

    assertThat(Set.copyOf(assignees)).containsExactlyInAnyOrder(d.ann.toString(), d.bob.toString());
    for (int i = 1; i < assignees.size(); i++) {
      assertThat(assignees.get(i)).as("ticket %d", i).isNotEqualTo(assignees.get(i - 1));
    }
    assertThat(d.createWithoutTeam("no team")).as("a ticket without a team").isEmpty();
    ann.end();
    bob.end();
    otherTeam.end();
  }

  @Test
  void afterAnAgentsSessionEndsNewTicketsGoToTheRemainingOne() {
    Desk d = Desk.create();
    Session ann = d.open(d.ann);
    Session bob = d.open(d.bob);
    await().until(() -> bob.viewers().equals(Set.of(d.ann.toString(), d.bob.toString())));
    assertThat(List.of(d.createForTeam("first"), d.createForTeam("second")))
        .containsExactlyInAnyOrder(d.ann.toString(), d.bob.toString());

    ann.end();
    await().until(() -> bob.viewers().equals(Set.of(d.bob.toString())));

    for (int i = 0; i < 3; i++) {
      assertThat(d.createForTeam("after ann left " + i)).isEqualTo(d.bob.toString());
    }
    bob.end();
  }

  @Test
  void teamTicketStaysUnassignedWhenNoAgentOfTheTeamIsOnline() {
    Desk d = Desk.create();
    Session otherTeam = d.open(d.dan);
    assertThat(d.createForTeam("nobody yet")).isEmpty();

    Session bob = d.open(d.bob);
    await().until(() -> otherTeam.viewers().equals(Set.of(d.bob.toString(), d.dan.toString())));
    assertThat(d.createForTeam("bob is here")).isEqualTo(d.bob.toString());

    bob.end();
    await().until(() -> otherTeam.viewers().equals(Set.of(d.dan.toString())));
    assertThat(d.createForTeam("bob left")).isEmpty();
    otherTeam.end();
  }

  @Test
  @Order(
      Integer
          .MAX_VALUE) // last: the other tests need presence messages that Redis's outage may drop
  void teamTicketIsCreatedUnassignedWhileRedisIsDownOrDoesNotAnswer() throws Exception {
    Desk d = Desk.create();
    Session bob = d.open(d.bob);
    var customer = server.stub(tokens.user(d.tenant(), d.customer(), Role.CUSTOMER));
    var embedded = TestEnvironment.get().embeddedRedis().orElseThrow();
    embedded.stop();
    try {
      assertThat(d.createForTeam("redis is down")).isEmpty();
    } finally {
      embedded.startAgain();
    }
    await().until(() -> !d.createForTeam("redis is back").isEmpty());

    // Redis that accepts connections but holds every write (lifted when the block ends): the create
    // still answers, unassigned, within a deadline of seven times the assigner's 200 ms budget and
    // below the 2 s after which the Redis client itself gives up a stuck write, so the create does
    // not wait on Redis beyond the assigner's budget.
    try (var pause = RedisPause.of(redisConfig, 60_000)) {
      assertThat(
              customer
                  .withDeadlineAfter(1500, TimeUnit.MILLISECONDS)
                  .createTicket(ticket("redis is stuck").toBuilder().setTeamId(d.team()).build())
                  .getTicket()
                  .getAssigneeId())
          .isEmpty();
    }
    bob.end();
  }

  /** Pauses Redis's write commands for every client (CLIENT PAUSE) until closed. */
  record RedisPause(Socket socket) implements AutoCloseable {
    static RedisPause of(RedisConfig config, long millis) throws Exception {
      URI address = URI.create(config.addresses().get(0));
      Socket socket = new Socket(address.getHost(), address.getPort());
      RedisPause p = new RedisPause(socket);
      if (config.password() != null && !config.password().isEmpty()) {
        p.command("AUTH " + config.password());
      }
      String reply = p.command("CLIENT PAUSE " + millis + " WRITE");
      if (!"+OK".equals(reply)) {
        socket.close();
        throw new IllegalStateException("CLIENT PAUSE refused: " + reply);
      }
      return p;
    }

    String command(String inline) throws Exception {
      socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
    }

    /**
     * Lifts the pause (or, on a Redis without CLIENT UNPAUSE, waits it out: the write below waits
     * for it).
     */
    @Override
    public void close() throws Exception {
      try {
        command("CLIENT UNPAUSE");
        command("INCR meshdesk-test:pause-probe");
      } finally {
        socket.close();
      }
    }
  }

  /**
   * A tenant with team "Billing" (agents Ann and Bob online when a test opens their sessions, Cid
   * never online) and team "Shipping" (agent Dan), plus a customer who opens tickets.
   */
  record Desk(
      UUID tenant,
      String team,
      UUID ann,
      UUID bob,
      UUID cid,
      UUID dan,
      UUID customer,
      String probe) {

    static Desk create() {
      UUID tenant = UUID.randomUUID();
      UUID admin = UUID.randomUUID();
      users.add(tenant, admin, Role.ADMIN, "Ada Admin", Set.of());
      var adminStub = server.stub(tokens.user(tenant, admin, Role.ADMIN));
      String billing =
          adminStub
              .createTeam(CreateTeamRequest.newBuilder().setName("Billing").build())
              .getTeam()
              .getId();
      String shipping =
          adminStub
              .createTeam(CreateTeamRequest.newBuilder().setName("Shipping").build())
              .getTeam()
              .getId();
      Desk d =
          new Desk(
              tenant,
              billing,
              UUID.randomUUID(),
              UUID.randomUUID(),
              UUID.randomUUID(),
              UUID.randomUUID(),
              UUID.randomUUID(),
              UUID.randomUUID().toString());
      Set<UUID> billingTeam = Set.of(UUID.fromString(billing));
      users
          .add(tenant, d.ann, Role.AGENT, "Ann Agent", billingTeam)
          .add(tenant, d.bob, Role.AGENT, "Bob Agent", billingTeam)
          .add(tenant, d.cid, Role.AGENT, "Cid Agent", billingTeam)
          .add(tenant, d.dan, Role.AGENT, "Dan Agent", Set.of(UUID.fromString(shipping)))
          .add(tenant, d.customer, Role.CUSTOMER, "Carl Customer", Set.of());
      return d;
    }

    /** Opens a ticket for the team as the customer; returns its assignee ("" when unassigned). */
    String createForTeam(String subject) {
      return server
          .stub(tokens.user(tenant, customer, Role.CUSTOMER))
          .createTicket(ticket(subject).toBuilder().setTeamId(team).build())
          .getTicket()
          .getAssigneeId();
    }

    /** Opens a ticket without a team; returns its assignee. */
    String createWithoutTeam(String subject) {
      return server
          .stub(tokens.user(tenant, customer, Role.CUSTOMER))
          .createTicket(ticket(subject))
          .getTicket()
          .getAssigneeId();
    }

    /**
     * Opens an agent session, views the probe ticket, and waits until the server sees the agent
     * online.
     */
    Session open(UUID agent) {
      Session s = new Session();
      s.requests = server.async(tokens.user(tenant, agent, Role.AGENT)).agentSession(s);
      s.requests.onNext(
          AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
      s.requests.onNext(
          AgentSessionRequest.newBuilder()
              .setViewTicket(ViewTicket.newBuilder().setTicketId(probe).setVersion(1))
              .build());
      await().until(() -> s.viewers().contains(agent.toString()));
      return s;
    }
  }

  /** One agent session: the request side and the presence snapshots received. */
  static final class Session implements StreamObserver<AgentSessionResponse> {
    final List<AgentSessionResponse> messages = new CopyOnWriteArrayList<>();
    StreamObserver<AgentSessionRequest> requests;

    /** User ids in the latest presence snapshot of the probe ticket. */
    Set<String> viewers() {
      List<AgentSessionResponse> presence =
          messages.stream().filter(AgentSessionResponse::hasPresence).toList();
      if (presence.isEmpty()) {
        return Set.of();
      }
      return presence.getLast().getPresence().getViewersList().stream()
          .map(ViewerPresence::getUserId)
          .collect(Collectors.toSet());
    }

    /** Ends the session from the client side. */
    void end() {
      requests.onCompleted();
    }

    @Override
    public void onNext(AgentSessionResponse value) {
      messages.add(value);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
