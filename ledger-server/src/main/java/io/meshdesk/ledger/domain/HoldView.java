package io.meshdesk.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/** A hold. */
public record HoldView(
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
