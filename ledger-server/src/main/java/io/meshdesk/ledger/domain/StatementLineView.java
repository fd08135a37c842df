package io.meshdesk.ledger.domain;

import java.time.LocalDate;
import java.util.UUID;

/** One statement line; amount signed as on transactions. */
public record StatementLineView(
    UUID transactionId, LocalDate postedDate, TxnType type, String description, long amountMinor) {}
