package io.meshdesk.ticket.events;

import io.meshdesk.ticket.persistence.RoutedEvent;
import java.util.UUID;

/** A stream attached to the {@link EventHub}: receives a tenant's events in sequence order. */
public interface Subscriber {

  /** The tenant whose events it wants. */
  UUID tenant();

  /** The next event of the tenant, gap-free and in order from the hub's point of view. */
  void offerLive(RoutedEvent event);

  /** An ephemeral event (sequence 0, e.g. a draft chunk), delivered as soon as it arrives. */
  void offerEphemeral(RoutedEvent event);
}
