package io.meshdesk.ticket.session;

import io.meshdesk.api.ticket.v1.CommentVisibility;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The text form of {@link PresenceMessage}s on the presence topic: nine fields separated by the
 * unit separator (U+001F), kind in lower case first and the sending time in epoch milliseconds
 * last. Every instance of a deployment reads what the others write, so the format stays as it is.
 */
public final class PresenceCodec {

  private static final String SEPARATOR = "\u001f";
  private static final int FIELDS = 9;

  private PresenceCodec() {}

  /** The message as published (a separator inside the display name becomes a space). */
  public static String encode(PresenceMessage m) {
    return String.join(
        SEPARATOR,
        m.kind().name().toLowerCase(Locale.ROOT),
        m.tenant().toString(),
        m.ticket(),
        m.session(),
        m.user(),
        m.name().replace(SEPARATOR.charAt(0), ' '),
        Boolean.toString(m.typing()),
        Integer.toString(m.visibility().getNumber()),
        Long.toString(m.sentAt()));
  }

  /** The message, or empty when the text is not one (wrong field count, kind, id or number). */
  public static Optional<PresenceMessage> decode(String text) {
    String[] f = text.split(SEPARATOR, -1);
    if (f.length != FIELDS) {
      return Optional.empty();
    }
    try {
      PresenceMessage.Kind kind = PresenceMessage.Kind.valueOf(f[0].toUpperCase(Locale.ROOT));
      CommentVisibility visibility = CommentVisibility.forNumber(Integer.parseInt(f[7]));
      return Optional.of(
          new PresenceMessage(
              kind,
              UUID.fromString(f[1]),
              f[2],
              f[3],
              f[4],
              f[5],
              Boolean.parseBoolean(f[6]),
              visibility == null ? CommentVisibility.COMMENT_VISIBILITY_UNSPECIFIED : visibility,
              Long.parseLong(f[8])));
    } catch (IllegalArgumentException e) { // includes NumberFormatException
      return Optional.empty();
    }
  }
}
