package io.meshdesk.ticket.session;

import io.meshdesk.api.ticket.v1.CommentVisibility;
import java.util.UUID;

/**
 * One announcement on the presence topic: a session came online or left, started or stopped viewing
 * a ticket, or changed its typing state.
 *
 * @param ticket the ticket id, or {@code "-"} for announcements about the session as a whole
 * @param name the user's display name ({@code ""} where the kind carries none)
 * @param sentAt when the announcing instance sent it, in epoch milliseconds on its clock
 */
public record PresenceMessage(
    Kind kind,
    UUID tenant,
    String ticket,
    String session,
    String user,
    String name,
    boolean typing,
    CommentVisibility visibility,
    long sentAt) {

  /** What a message announces. */
  public enum Kind {
    ONLINE,
    GONE,
    VIEW,
    STOP,
    TYPING
  }

  /** Placeholder ticket id of announcements about a whole session. */
  public static final String NO_TICKET = "-";

  /** An announcement about a whole session ({@link Kind#ONLINE} or {@link Kind#GONE}). */
  public static PresenceMessage session(
      Kind kind, UUID tenant, String session, String user, long sentAt) {
    return new PresenceMessage(
        kind,
        tenant,
        NO_TICKET,
        session,
        user,
        "",
        false,
        CommentVisibility.COMMENT_VISIBILITY_UNSPECIFIED,
        sentAt);
  }
}
