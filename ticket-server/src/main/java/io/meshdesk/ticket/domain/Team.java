package io.meshdesk.ticket.domain;

import java.time.Instant;
import java.util.UUID;

/** A group of agents tickets can be routed to; its name is unique in the tenant. */
public record Team(UUID id, String name, String description, Instant createdAt) {}
