package io.meshdesk.cli.bench;

import io.meshdesk.platform.auth.Role;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The servers under test in this JVM: the {@code --in-process} mode and the body of {@link
 * SutCommand}.
 */
final class LocalSut implements SystemUnderTest {

  private final Spec spec;
  private final TicketBenchSystem tickets;
  private final LedgerBenchSystem ledger;
  private final ReminderBenchSystem reminders;

  private LocalSut(
      Spec spec,
      TicketBenchSystem tickets,
      LedgerBenchSystem ledger,
      ReminderBenchSystem reminders) {
    this.spec = spec;
    this.tickets = tickets;
    this.ledger = ledger;
    this.reminders = reminders;
  }

  static LocalSut start(Spec spec, PrintStream log) throws Exception {
    return switch (spec.kind()) {
      case TICKET ->
          new LocalSut(
              spec,
              new TicketBenchSystem(spec.instances(), spec.poolSize(), spec.durable(), log),
              null,
              null);
      case REMINDERS -> {
        log.println(
            "bench: starting embedded PostgreSQL ("
                + (spec.durable() ? "durable" : "fsync off")
                + ") and Redis, two reminder dispatch instances...");
        yield new LocalSut(
            spec, null, null, new ReminderBenchSystem(spec.instances(), spec.durable()));
      }
      case LEDGER -> {
        log.println(
            "bench: starting embedded PostgreSQL ("
                + (spec.durable() ? "durable" : "fsync off")
                + ") and Redis, one ledger-server...");
        yield new LocalSut(
            spec, null, new LedgerBenchSystem(spec.poolSize(), spec.durable()), null);
      }
    };
  }

  @Override
  public List<String> targets() {
    if (reminders != null) {
      return List.of();
    }
    return tickets != null ? tickets.targets() : List.of("127.0.0.1:" + ledger.server.port());
  }

  @Override
  public String request(String line) {
    if (reminders == null) {
      throw new IllegalStateException("no scenario requests for " + spec.kind());
    }
    return reminders.answer(line.trim().split("\\s+"));
  }

  @Override
  public String token(UUID tenant, UUID user, Role role) {
    return tickets != null ? tickets.token(tenant, user, role) : ledger.token(tenant, user, role);
  }

  @Override
  public String closeCard(UUID tenant, String card, LocalDate asOf) {
    if (ledger == null) {
      throw new IllegalStateException("closeCard needs the ledger system");
    }
    return ledger
        .server
        .statements()
        .closeCard(tenant, UUID.fromString(card), asOf)
        .getFirst()
        .id()
        .toString();
  }

  @Override
  public int postgresPort() {
    if (reminders != null) {
      return reminders.postgresPort();
    }
    return tickets != null ? tickets.postgresPort() : ledger.postgresPort();
  }

  @Override
  public Spec spec() {
    return spec;
  }

  @Override
  public void close() {
    if (tickets != null) {
      tickets.close();
    }
    if (ledger != null) {
      ledger.close();
    }
    if (reminders != null) {
      reminders.close();
    }
  }
}
