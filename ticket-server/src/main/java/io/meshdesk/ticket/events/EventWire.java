package io.meshdesk.ticket.events;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;

/**
 * Domain values in the contract's wire form, for the events written to the outbox (the outbox
 * payload is the contract's {@code TicketEvent}) and for the gRPC mappers.
 */
public final class EventWire {

  private EventWire() {}

  /** An actor as events, history and comments carry it. */
  public static Actor actor(io.meshdesk.ticket.domain.Actor a) {
    return Actor.newBuilder()
        .setKind(ActorKind.forNumber(a.kind().number()))
        .setId(a.id())
        .setDisplayName(a.displayName())
        .build();
  }
}
