package io.meshdesk.ai.knowledge;

import io.meshdesk.api.ticket.v1.TicketEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the ticket server's event envelope as published on its Redis topic ({@value #TOPIC}):
 * version byte 1, tenant (two longs), sequence, five UTF strings of routing data, a boolean, an
 * int, then the {@link TicketEvent} protobuf bytes. Only the tenant and the event are kept. Must
 * follow {@code io.meshdesk.ticket.persistence.RoutedEvent} (a test checks the two stay
 * compatible).
 */
public final class TicketEventDecoder {

  /** Topic of committed ticket events (bytes codec). */
  public static final String TOPIC = io.meshdesk.platform.redis.RedisKeys.TICKET_EVENTS_TOPIC;

  /** A decoded event with its tenant. */
  public record TenantEvent(UUID tenant, TicketEvent event) {}

  private TicketEventDecoder() {}

  /** The event, or empty for an envelope version this worker does not know. */
  public static Optional<TenantEvent> decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readByte() != 1) {
        return Optional.empty();
      }
      UUID tenant = new UUID(in.readLong(), in.readLong());
      in.readLong();
      for (int i = 0; i < 5; i++) {
        in.readUTF();
      }
      in.readBoolean();
      in.readInt();
      return Optional.of(new TenantEvent(tenant, TicketEvent.parseFrom(in)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
