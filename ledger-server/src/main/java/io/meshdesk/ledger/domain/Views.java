package io.meshdesk.ledger.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Read models of the ledger, free of any transport type. Amounts are minor units. */
public final class Views {

  private Views() {}

  /** A card product. */
  public record Product(
      UUID id,
      String name,
      String network,
      String currency,
      int purchaseAprBps,
      int cashAdvanceAprBps,
      int graceDays,
      long minPaymentFloorMinor,
      int minPaymentPercentBps,
      long lateFeeMinor,
      Instant createdAt) {}

  /** A card. */
  public record Card(
      UUID id,
      UUID productId,
      UUID holderUserId,
      String currency,
      CardStatus status,
      long creditLimitMinor,
      int billingCycleDay,
      LocalDate nextStatementDate,
      Instant createdAt,
      Instant updatedAt,
      Instant closedAt) {}

  /** One credit-limit change. */
  public record LimitChange(
      UUID id,
      UUID cardId,
      String currency,
      long previousLimitMinor,
      long newLimitMinor,
      String reason,
      String actorKind,
      String actorId,
      Instant changedAt) {}

  /** A hold. */
  public record Hold(
      UUID id,
      UUID cardId,
      long amountMinor,
      long capturedMinor,
      String currency,
      HoldStatus status,
      Merchant merchant,
      Instant createdAt,
      Instant expiresAt,
      Instant finalizedAt) {}

  /** A posted transaction; {@code amountMinor} is signed (negative for credits). */
  public record Txn(
      UUID id,
      UUID cardId,
      TxnType type,
      long amountMinor,
      String currency,
      Merchant merchant,
      UUID holdId,
      UUID originalTxnId,
      String feeType,
      String description,
      String reference,
      String idempotencyKey,
      UUID journalEntryId,
      Instant postedAt,
      LocalDate postedDate,
      UUID statementId) {}

  /** A card's financial position. */
  public record Balance(
      UUID cardId,
      CardStatus status,
      String currency,
      long creditLimitMinor,
      long postedBalanceMinor,
      long openHoldsMinor,
      int openHoldCount,
      long lastStatementBalanceMinor,
      long minimumPaymentDueMinor,
      LocalDate paymentDueDate,
      Instant asOf) {

    /** Limit minus balance minus open holds. */
    public long availableCreditMinor() {
      return creditLimitMinor - postedBalanceMinor - openHoldsMinor;
    }
  }

  /** One leg of a journal entry. */
  public record Posting(String account, long amountMinor, String currency) {}

  /** A journal entry with its postings. */
  public record JournalEntry(
      UUID id,
      UUID cardId,
      long sequence,
      UUID transactionId,
      Instant postedAt,
      List<Posting> postings,
      String hash,
      String previousHash) {}

  /** One statement line; amount signed as on transactions. */
  public record StatementLine(
      UUID transactionId,
      LocalDate postedDate,
      TxnType type,
      String description,
      long amountMinor) {}

  /** A stored statement. */
  public record Statement(
      UUID id,
      UUID cardId,
      String currency,
      LocalDate periodStart,
      LocalDate periodEnd,
      long previousBalanceMinor,
      long paymentsAndCreditsMinor,
      long purchasesMinor,
      long cashAdvancesMinor,
      long feesMinor,
      long interestMinor,
      long newBalanceMinor,
      long minimumPaymentMinor,
      LocalDate dueDate,
      long creditLimitMinor,
      long availableCreditMinor,
      List<StatementLine> lines,
      Instant generatedAt) {}

  /**
   * What a cardholder owes on their latest statement, for reminders.
   *
   * @param paidSinceCloseMinor payments posted after the statement closed
   * @param remainingMinimumMinor minimum payment not yet covered by those payments
   */
  public record DueSummary(
      UUID cardId,
      UUID holderUserId,
      UUID statementId,
      String currency,
      LocalDate periodEnd,
      LocalDate dueDate,
      long newBalanceMinor,
      long minimumPaymentMinor,
      long paidSinceCloseMinor,
      long remainingMinimumMinor) {}
}
