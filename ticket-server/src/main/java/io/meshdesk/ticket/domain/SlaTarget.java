package io.meshdesk.ticket.domain;

import java.time.Duration;

/** The SLA targets of one priority, as an admin sets them. */
public record SlaTarget(Priority priority, Duration firstResponse, Duration resolution) {}
