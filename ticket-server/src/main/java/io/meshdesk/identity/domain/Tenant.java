package io.meshdesk.identity.domain;

import java.time.Instant;
import java.util.UUID;

/** A tenant (corporate account). */
public record Tenant(
    UUID id,
    String slug,
    String displayName,
    String timeZone,
    boolean active,
    Instant createdAt,
    Instant suspendedAt,
    String suspensionReason) {}
