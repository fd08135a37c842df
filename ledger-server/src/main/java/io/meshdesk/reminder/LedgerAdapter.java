package io.meshdesk.reminder;

import io.meshdesk.ledger.billing.StatementService;
import io.meshdesk.ledger.domain.DueSummary;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.domain.CardDirectory;
import io.meshdesk.scheduler.CycleCloser;
import io.meshdesk.scheduler.DueStatementSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Connects the scheduler and reminders to the card ledger: statements through {@link
 * StatementService} (closing cycles, the due read model) and card holders read from {@code
 * ledger.card}. Reads only, apart from asking the ledger to close cycles.
 */
public final class LedgerAdapter implements DueStatementSource, CycleCloser, CardDirectory {

  /** How far ahead of the run day statements are looked at (longest "days before" is 60). */
  private static final int LOOK_AHEAD_DAYS = 61;

  /** How far back, so a catch-up after downtime still cancels or sends what it should. */
  private static final int LOOK_BACK_DAYS = 5;

  private final StatementService statements;
  private final Transactions tx;

  public LedgerAdapter(StatementService statements, Transactions tx) {
    this.statements = statements;
    this.tx = tx;
  }

  @Override
  public List<DueStatement> statements(UUID tenantId, LocalDate asOf) {
    return statements
        .dueBetween(tenantId, asOf.minusDays(LOOK_BACK_DAYS), asOf.plusDays(LOOK_AHEAD_DAYS))
        .stream()
        .filter(s -> !s.periodEnd().isAfter(asOf))
        .map(LedgerAdapter::toDue)
        .toList();
  }

  private static DueStatement toDue(DueSummary s) {
    // The ledger keeps no holder name; messages greet the cardholder generically.
    return new DueStatement(
        s.cardId(),
        s.statementId().toString(),
        "cardholder",
        s.periodEnd(),
        s.dueDate(),
        s.remainingMinimumMinor(),
        s.newBalanceMinor(),
        s.currency(),
        s.remainingMinimumMinor() == 0);
  }

  @Override
  public int closeEndedCycles(UUID tenantId, LocalDate day) {
    // Cards that failed are logged by the statement service and retried by the next run.
    return statements.closeDueCycles(tenantId, day).created().size();
  }

  /**
   * The ledger charges the late fee when it closes the next cycle (its closing charges), so there
   * is nothing separate to post here.
   */
  @Override
  public int postLateFees(UUID tenantId, LocalDate day) {
    return 0;
  }

  @Override
  public Optional<UUID> holderOf(UUID tenantId, UUID cardId) {
    return tx.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select holder_user_id from ledger.card where id = ?")) {
            ps.setObject(1, cardId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.<UUID>empty();
            }
          }
        });
  }
}
