package io.meshdesk.reminder;

import io.meshdesk.reminder.domain.CardDirectory;
import io.meshdesk.scheduler.CycleCloser;
import io.meshdesk.scheduler.DueStatementSource;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test fixture standing in for the card ledger: in-memory cards, statements and a cycle closer that
 * records its calls. Not a production implementation.
 */
public final class TestLedgerFixture implements DueStatementSource, CardDirectory, CycleCloser {

  private final Map<UUID, Map<UUID, UUID>> holders = new ConcurrentHashMap<>();
  private final Map<UUID, List<DueStatement>> statements = new ConcurrentHashMap<>();

  /**
   * Calls of {@link #closeEndedCycles} and {@link #postLateFees}: "close|tenant|day" /
   * "fees|tenant|day".
   */
  public final List<String> calls = new CopyOnWriteArrayList<>();

  /** Adds a card held by {@code holder}. */
  public UUID addCard(UUID tenantId, UUID holder) {
    UUID card = UUID.randomUUID();
    holders.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>()).put(card, holder);
    return card;
  }

  /** Adds (or replaces, by statement id) a statement. */
  public void putStatement(UUID tenantId, DueStatement s) {
    List<DueStatement> list =
        statements.computeIfAbsent(tenantId, t -> new CopyOnWriteArrayList<>());
    list.removeIf(x -> x.statementId().equals(s.statementId()));
    list.add(s);
  }

  /** A statement of {@code card} due on {@code due}, issued 21 days earlier. */
  public static DueStatement statement(UUID card, String id, LocalDate due, boolean paid) {
    return new DueStatement(
        card, id, "Ada Lovelace", due.minusDays(21), due, 2_500, 123_456, "USD", paid);
  }

  @Override
  public List<DueStatement> statements(UUID tenantId, LocalDate asOf) {
    return statements.getOrDefault(tenantId, List.of()).stream()
        .filter(s -> !s.statementDate().isAfter(asOf) && !s.dueDate().isBefore(asOf.minusDays(5)))
        .toList();
  }

  @Override
  public Optional<UUID> holderOf(UUID tenantId, UUID cardId) {
    return Optional.ofNullable(holders.getOrDefault(tenantId, Map.of()).get(cardId));
  }

  @Override
  public int closeEndedCycles(UUID tenantId, LocalDate day) {
    calls.add("close|" + tenantId + "|" + day);
    return 0;
  }

  @Override
  public int postLateFees(UUID tenantId, LocalDate day) {
    calls.add("fees|" + tenantId + "|" + day);
    return 0;
  }
}
