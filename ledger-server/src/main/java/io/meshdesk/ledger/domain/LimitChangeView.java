package io.meshdesk.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/** One credit-limit change. */
public record LimitChangeView(
    UUID id,
    UUID cardId,
    String currency,
    long previousLimitMinor,
    long newLimitMinor,
    String reason,
    String actorKind,
    String actorId,
    Instant changedAt) {}
