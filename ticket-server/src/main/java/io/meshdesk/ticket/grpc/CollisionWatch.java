package io.meshdesk.ticket.grpc;

import com.google.protobuf.FieldMask;
import io.meshdesk.api.ticket.v1.AgentSessionResponse;
import io.meshdesk.api.ticket.v1.CollisionNotice;
import io.meshdesk.api.ticket.v1.EventFilter;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.ticket.domain.Visibility;
import io.meshdesk.ticket.events.EventRules;
import io.meshdesk.ticket.events.Subscriber;
import io.meshdesk.ticket.persistence.RoutedEvent;
import java.util.Map;
import java.util.UUID;

/**
 * An agent session's collision notices. It sees every tenant event, whatever the session's filter:
 * a change by someone else to a ticket the agent views, past the version on screen, raises a notice
 * (only for events the caller may see). Notices coalesce per ticket while the client does not read.
 */
final class CollisionWatch implements Subscriber {

  private final Principal principal;
  private final Map<String, Long> viewing;
  private final Outbound<AgentSessionResponse> out;
  private final EventRules visible;

  /**
   * @param viewing the tickets the session views, with the version on screen (raised here as
   *     changes arrive)
   */
  CollisionWatch(
      Principal principal, Map<String, Long> viewing, Outbound<AgentSessionResponse> out) {
    this.principal = principal;
    this.viewing = viewing;
    this.out = out;
    this.visible =
        EventRules.of(
            principal.subject(), !Visibility.staff(principal), EventFilter.getDefaultInstance());
  }

  @Override
  public UUID tenant() {
    return principal.requireTenant();
  }

  @Override
  public void offerLive(RoutedEvent env) {
    TicketEvent e = env.event();
    Long onScreen = viewing.get(e.getTicketId());
    if (onScreen == null || e.getTicketVersion() <= onScreen || visible.view(env) == null) {
      return;
    }
    viewing.merge(e.getTicketId(), e.getTicketVersion(), Math::max);
    if (e.getActor().getId().equals(principal.subject().toString())) {
      return;
    }
    out.offerLatest(
        "collision:" + e.getTicketId(),
        AgentSessionResponse.newBuilder().setCollision(notice(e)).build());
  }

  @Override
  public void offerEphemeral(RoutedEvent event) {
    // draft chunks are not changes of the ticket
  }

  /** The notice that {@code e} changed a ticket on screen. */
  static CollisionNotice notice(TicketEvent e) {
    FieldMask changed =
        e.hasTicketUpdated()
            ? e.getTicketUpdated().getChangedFields()
            : FieldMask.getDefaultInstance();
    String who =
        e.getActor().getDisplayName().isEmpty()
            ? e.getActor().getId()
            : e.getActor().getDisplayName();
    return CollisionNotice.newBuilder()
        .setTicketId(e.getTicketId())
        .setVersion(e.getTicketVersion())
        .setChangedBy(e.getActor())
        .setChangedAt(e.getOccurredAt())
        .setChangedFields(changed)
        .setMessage("Ticket changed to version " + e.getTicketVersion() + " by " + who)
        .build();
  }
}
