package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbox retention: published events older than the window are pruned, per tenant, never
 * unpublished ones; a stream resuming inside the pruned range is told to reload, one resuming after
 * 0 or at the retained edge replays what is retained.
 */
class OutboxRetentionIT {

  static final Duration RETENTION = Duration.ofDays(7);
  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  static TicketFixture server;
  static Transactions tx;

  @BeforeAll
  static void start() {
    server =
        new TicketFixture(
            TicketFixture.migratedDatabase("retention"),
            TestEnvironment.get().newRedis("retention"),
            tokens,
            users,
            clock,
            TicketConfig.defaults().withOutboxRetention(RETENTION, Duration.ofHours(1)));
    tx = new Transactions(server.database.dataSource());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void streamResumingInsidePrunedHistoryGetsResyncAndOthersReplayWhatIsRetained() {
    // given events 1..3 older than the retention window and 4..5 recent, all published
    var t = TicketFixture.Tenant.create(users);
    var agent = server.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    for (int i = 0; i < 3; i++) {
      agent.createTicket(ticket("old " + i));
    }
    clock.advance(RETENTION.plusDays(1));
    agent.createTicket(ticket("recent 1"));
    agent.createTicket(ticket("recent 2"));
    await().until(() -> unpublished(t.id()) == 0);

    // when the outbox is pruned
    assertThat(server.tickets.pruner().runOnce()).isGreaterThanOrEqualTo(3);

    // then the old events are gone and the recent ones kept
    assertThat(oldestRetained(t.id())).isEqualTo(4);
    String token = tokens.user(t.id(), t.agent2(), Role.AGENT);
    var stale = server.subscribe(token, 2L);
    await().until(() -> stale.completed);
    assertThat(stale.events).hasSize(1);
    TicketEvent resync = stale.events.get(0);
    assertThat(resync.getResync().getReason()).isEqualTo("history pruned");
    assertThat(resync.getResync().getResumeAfterSequence()).isEqualTo(5);

    var fromStart = server.subscribe(token, 0L);
    var atEdge = server.subscribe(token, 3L);
    await().until(() -> fromStart.sequences().size() >= 2 && atEdge.sequences().size() >= 2);
    assertThat(fromStart.sequences()).containsExactly(4L, 5L);
    assertThat(atEdge.sequences()).containsExactly(4L, 5L);
    assertThat(fromStart.events).noneMatch(TicketEvent::hasResync);
    assertThat(atEdge.completed).isFalse();
  }

  @Test
  void pruneRemovesOnlyTheCurrentTenantsPublishedEventsOlderThanTheCutoff() {
    var t = TicketFixture.Tenant.create(users);
    var other = TicketFixture.Tenant.create(users);
    server.stub(tokens.user(t.id(), t.agent(), Role.AGENT)).createTicket(ticket("mine 1"));
    server.stub(tokens.user(t.id(), t.agent(), Role.AGENT)).createTicket(ticket("mine 2"));
    server.stub(tokens.user(other.id(), other.agent(), Role.AGENT)).createTicket(ticket("theirs"));
    await().until(() -> unpublished(t.id()) == 0 && unpublished(other.id()) == 0);
    tx.inTenant(
        t.id(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("update ticket.outbox set published = false where sequence = 2")) {
            return ps.executeUpdate(); // as if Redis had been down: the relay still owes it
          }
        });

    long pruned =
        tx.inTenant(
            t.id(),
            c -> {
              try (PreparedStatement ps = c.prepareStatement("select ticket.prune_outbox(?)")) {
                Sql.setInstant(ps, 1, clock.instant().plus(Duration.ofDays(365)));
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            });

    assertThat(pruned).isEqualTo(1);
    assertThat(oldestRetained(t.id())).as("the unpublished event stays").isEqualTo(2);
    assertThat(oldestRetained(other.id())).as("another tenant's events stay").isEqualTo(1);
  }

  private static long unpublished(UUID tenant) {
    return count(tenant, "select count(*) from ticket.outbox where not published");
  }

  private static long oldestRetained(UUID tenant) {
    return count(tenant, "select coalesce(min(sequence), 0) from ticket.outbox");
  }

  private static long count(UUID tenant, String sql) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
