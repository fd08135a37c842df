package io.meshdesk.ai.knowledge;

import java.time.Instant;
import java.util.UUID;

/**
 * A solved ticket and the public reply that solved it: grounding for the offline drafter.
 *
 * @param tenantId owning tenant
 * @param ticketId the ticket
 * @param subject ticket subject
 * @param problem the requester's description
 * @param resolution the support team's last public reply before the ticket was solved
 * @param solvedAt when it was solved
 */
public record Resolution(
    UUID tenantId,
    UUID ticketId,
    String subject,
    String problem,
    String resolution,
    Instant solvedAt) {}
