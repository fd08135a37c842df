package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdesk.api.ticket.v1.CreateTicketResponse;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CreateTicket numbers the ticket, writes its event and commits in one statement: concurrent
 * creates of one tenant still get gap-free numbers and sequences, and events read back from the
 * outbox (replay) carry the number and sequence the live ones carried.
 */
class TicketNumberingIT {

  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static DatabaseConfig db;
  static TicketFixture server;

  @BeforeAll
  static void start() {
    db = TicketFixture.migratedDatabase("ticketnumbering");
    server =
        new TicketFixture(
            db,
            TestEnvironment.get().newRedis("ticketnumbering"),
            tokens,
            users,
            Clock.systemUTC(),
            TicketConfig.defaults());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void concurrentCreatesGetGapFreeNumbersAndSequencesThatReplayReadsBack() throws Exception {
    var t = TicketFixture.Tenant.create(users);
    var agent = server.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    // from sequence 0 with nothing written yet: this stream's events come live
    var live = server.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
    agent.createTicket(ticket("first"));
    await().until(() -> live.sequences().size() == 1);

    // when: 40 creates race on 8 threads
    List<Callable<CreateTicketResponse>> creates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String subject = "racing " + i;
      creates.add(() -> agent.createTicket(ticket(subject)));
    }
    List<Ticket> created = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<CreateTicketResponse> f : pool.invokeAll(creates)) {
        created.add(f.get().getTicket());
      }
    }

    // then: numbers 2..41 once each, committed (visible to a fresh read)
    assertThat(created)
        .extracting(Ticket::getNumber)
        .containsExactlyInAnyOrderElementsOf(range(2, 41));
    for (Ticket c : created) {
      assertThat(
              agent
                  .getTicket(
                      io.meshdesk.api.ticket.v1.GetTicketRequest.newBuilder()
                          .setTicketId(c.getId())
                          .build())
                  .getTicket()
                  .getNumber())
          .isEqualTo(c.getNumber());
    }
    await().until(() -> live.sequences().size() == 41);
    assertThat(live.sequences()).isEqualTo(range(1, 41));

    // and: a replay from the outbox carries the same sequence and number as the live event
    var replay = server.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
    await().until(() -> replay.sequences().size() == 41);
    Map<Long, TicketEvent> liveBySeq =
        live.events.stream()
            .collect(Collectors.toMap(TicketEvent::getSequence, Function.identity()));
    for (TicketEvent replayed : replay.events) {
      TicketEvent original = liveBySeq.get(replayed.getSequence());
      assertThat(replayed.getTicketCreated().getTicket().getNumber())
          .isEqualTo(original.getTicketCreated().getTicket().getNumber())
          .isPositive();
      assertThat(replayed.getTicketId()).isEqualTo(original.getTicketId());
    }
    assertThat(storedNumbers(t.id())).containsExactlyElementsOf(range(1, 41));
  }

  @Test
  void aCreateThatFailsValidationInsideTheTransactionTakesNoNumber() {
    var t = TicketFixture.Tenant.create(users);
    var agent = server.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    agent.createTicket(ticket("one"));
    // an unknown team is refused inside the transaction, before numbering
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                agent.createTicket(
                    ticket("bad").toBuilder()
                        .setTeamId(java.util.UUID.randomUUID().toString())
                        .build()))
        .hasMessageContaining("INVALID_ARGUMENT");
    assertThat(agent.createTicket(ticket("two")).getTicket().getNumber()).isEqualTo(2);
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /**
   * Ticket numbers kept beside the tenant's TicketCreated rows in the outbox, in sequence order.
   */
  private static List<Long> storedNumbers(java.util.UUID tenant) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.createStatement().execute("select set_config('app.tenant_id', '" + tenant + "', false)");
      try (ResultSet rs =
          c.createStatement()
              .executeQuery("select ticket_number from ticket.outbox order by sequence")) {
        List<Long> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
        return out;
      }
    }
  }
}
