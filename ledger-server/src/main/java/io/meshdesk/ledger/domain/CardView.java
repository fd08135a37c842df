package io.meshdesk.ledger.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A card. */
public record CardView(
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
