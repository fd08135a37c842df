package io.meshdesk.scheduler;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the reminder planner reads from the card ledger: the statements whose payment reminders may
 * still be due. Implemented over the ledger's tables; read-only.
 */
public interface DueStatementSource {

  /**
   * One statement of one card.
   *
   * @param cardId card id
   * @param statementId stable statement id (the reminder's reference)
   * @param holderName cardholder's name for the message
   * @param statementDate day the statement was issued (tenant zone)
   * @param dueDate payment due date (tenant zone)
   * @param minimumDueMinor minimum payment in minor units
   * @param newBalanceMinor statement balance in minor units
   * @param currency ISO-4217 code
   * @param paid whether the minimum payment has been made
   */
  record DueStatement(
      UUID cardId,
      String statementId,
      String holderName,
      LocalDate statementDate,
      LocalDate dueDate,
      long minimumDueMinor,
      long newBalanceMinor,
      String currency,
      boolean paid) {}

  /**
   * Statements of {@code tenantId} issued on or before {@code asOf} whose due date is on or after
   * {@code asOf} minus a few days (so a late catch-up still sees them).
   */
  List<DueStatement> statements(UUID tenantId, LocalDate asOf);
}
