package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.AgentHello;
import io.meshdesk.api.ticket.v1.AgentSessionRequest;
import io.meshdesk.api.ticket.v1.CreateTeamRequest;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Online status expires: an agent whose instance stops re-announcing them (it crashed, or its
 * "gone" was lost) stops getting round-robin tickets once the presence TTL has passed, while an
 * agent whose instance keeps refreshing stays online. Both instances share one clock the test
 * moves; refreshes and expiry run on demand (the scheduled ones are far apart).
 */
class PresenceExpiryIT {

  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

  /** Refreshes scheduled every five minutes of real time never run during the test. */
  static final Duration REFRESH = Duration.ofMinutes(5);

  static final Duration TTL = Duration.ofMinutes(10);
  static TicketFixture a;
  static TicketFixture b;

  @BeforeAll
  static void start() {
    DatabaseConfig db = TicketFixture.migratedDatabase("presence");
    RedisConfig redis = TestEnvironment.get().newRedis("presence");
    TicketConfig config = TicketConfig.defaults().withAutoAssign(true).withPresence(REFRESH, TTL);
    a = new TicketFixture(db, redis, tokens, users, clock, config);
    b = new TicketFixture(db, redis, tokens, users, clock, config);
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
  }

  @Test
  void agentWhoseInstanceStopsRefreshingGetsNoTicketsAfterTheTtl() {
    // given Ann's session on instance B and Bob's on instance A, both online as A sees it
    UUID tenant = UUID.randomUUID();
    UUID admin = UUID.randomUUID();
    users.add(tenant, admin, Role.ADMIN, "Ada Admin", Set.of());
    String team =
        a.stub(tokens.user(tenant, admin, Role.ADMIN))
            .createTeam(CreateTeamRequest.newBuilder().setName("Billing").build())
            .getTeam()
            .getId();
    UUID ann = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    UUID customer = UUID.randomUUID();
    users
        .add(tenant, ann, Role.AGENT, "Ann Agent", Set.of(UUID.fromString(team)))
        .add(tenant, bob, Role.AGENT, "Bob Agent", Set.of(UUID.fromString(team)))
        .add(tenant, customer, Role.CUSTOMER, "Carl Customer", Set.of());
    var annSession = open(b, tenant, ann);
    var bobSession = open(a, tenant, bob);
    await().until(() -> a.tickets.presence().onlineUsers(tenant).equals(Set.of(ann, bob)));
    assertThat(Set.copyOf(createForTeam(tenant, customer, team, 2)))
        .containsExactlyInAnyOrder(ann.toString(), bob.toString());

    // when B stops announcing (as if it crashed: no refresh, no "gone") and the TTL passes
    b.tickets.presence().close();
    clock.advance(TTL.plusSeconds(1));
    a.tickets.presence().refresh();

    // then only Bob, whose instance refreshed him, is still online and gets the team's tickets
    await().until(() -> a.tickets.presence().onlineUsers(tenant).equals(Set.of(bob)));
    assertThat(a.tickets.presence().expire())
        .as("Ann's stale entry is forgotten")
        .isGreaterThanOrEqualTo(1);
    assertThat(createForTeam(tenant, customer, team, 3)).containsOnly(bob.toString());
    annSession.onCompleted();
    bobSession.onCompleted();
  }

  private static StreamObserver<AgentSessionRequest> open(
      TicketFixture on, UUID tenant, UUID agent) {
    StreamObserver<AgentSessionRequest> requests =
        on.async(tokens.user(tenant, agent, Role.AGENT))
            .agentSession(new TicketStreamsIT.Session());
    requests.onNext(
        AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    return requests;
  }

  private static List<String> createForTeam(UUID tenant, UUID customer, String team, int n) {
    List<String> assignees = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      assignees.add(
          a.stub(tokens.user(tenant, customer, Role.CUSTOMER))
              .createTicket(ticket("help " + i).toBuilder().setTeamId(team).build())
              .getTicket()
              .getAssigneeId());
    }
    return assignees;
  }
}
