package io.meshdesk.ledger.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A posted transaction; {@code amountMinor} is signed (negative for credits). */
public record TxnView(
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
