package io.meshdesk.ticket.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.PresenceSnapshot;
import io.meshdesk.api.ticket.v1.TypingIndicator;
import io.meshdesk.api.ticket.v1.ViewerPresence;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.ticket.session.PresenceMessage.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PresenceReplicaTest {

  static final Duration TYPING_TTL = Duration.ofSeconds(6);
  static final Duration TTL = Duration.ofSeconds(30);
  static final String TICKET = "T-1";

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
  final PresenceReplica replica = new PresenceReplica(clock, TYPING_TTL, TTL);
  final UUID tenant = UUID.randomUUID();
  final String ann = UUID.randomUUID().toString();
  final String bob = UUID.randomUUID().toString();
  final Session bobWatching = new Session(tenant, bob, TICKET);

  @Test
  void viewersOfATicketHearWhoViewsItOncePerPersonWithTheEarliestSince() {
    replica.attach(bobWatching);

    replica.apply(view("s1", ann, "Ann"));
    clock.advance(Duration.ofSeconds(5));
    replica.apply(view("s2", ann, "Ann"));

    PresenceSnapshot last = bobWatching.lastSnapshot();
    assertThat(last.getTicketId()).isEqualTo(TICKET);
    assertThat(last.getViewersList()).extracting(ViewerPresence::getUserId).containsExactly(ann);
    assertThat(last.getViewers(0).getSince().getSeconds())
        .isEqualTo(Instant.parse("2026-03-02T09:00:00Z").getEpochSecond());
  }

  @Test
  void stoppingAViewRemovesTheViewerAndOtherTenantsHearNothing() {
    Session otherTenant = new Session(UUID.randomUUID(), bob, TICKET);
    replica.attach(bobWatching);
    replica.attach(otherTenant);
    replica.apply(view("s1", ann, "Ann"));

    replica.apply(message(Kind.STOP, "s1", ann, "", false));

    assertThat(bobWatching.lastSnapshot().getViewersList()).isEmpty();
    assertThat(otherTenant.snapshots).isEmpty();
  }

  @Test
  void typingReachesOtherViewersButNotTheTypistAndClearsAfterTheTypingTtl() {
    Session annWatching = new Session(tenant, ann, TICKET);
    replica.attach(bobWatching);
    replica.attach(annWatching);
    replica.apply(view("s1", ann, "Ann"));

    replica.apply(message(Kind.TYPING, "s1", ann, "Ann", true));
    clock.advance(TYPING_TTL.minusMillis(1));
    assertThat(replica.expireTyping()).as("not yet due").isZero();

    assertThat(bobWatching.typing)
        .extracting(TypingIndicator::getTyping, TypingIndicator::getVisibility)
        .containsExactly(tuple(true, CommentVisibility.COMMENT_VISIBILITY_INTERNAL));
    assertThat(annWatching.typing).isEmpty();

    clock.advance(Duration.ofMillis(1));
    assertThat(replica.expireTyping()).isEqualTo(1);
    assertThat(bobWatching.typing)
        .extracting(TypingIndicator::getTyping)
        .containsExactly(true, false);
    replica.apply(message(Kind.STOP, "s1", ann, "", false));
    assertThat(bobWatching.lastSnapshot().getViewersList()).isEmpty();
  }

  @Test
  void renewedTypingLastsATypingTtlFromTheRenewal() {
    replica.attach(bobWatching);
    replica.apply(message(Kind.TYPING, "s1", ann, "Ann", true));
    clock.advance(Duration.ofSeconds(4));
    replica.apply(message(Kind.TYPING, "s1", ann, "Ann", true));

    clock.advance(Duration.ofSeconds(4));

    assertThat(replica.expireTyping()).isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(replica.expireTyping()).isEqualTo(1);
  }

  @Test
  void sessionsNotAnnouncedWithinTheTtlAreForgottenWithTheirViews() {
    replica.attach(bobWatching);
    replica.apply(message(Kind.ONLINE, "s1", ann, "", false));
    replica.apply(view("s1", ann, "Ann"));
    clock.advance(Duration.ofSeconds(20));
    replica.apply(message(Kind.ONLINE, "s2", bob, "", false));
    assertThat(replica.onlineUsers(tenant))
        .containsExactlyInAnyOrder(UUID.fromString(ann), UUID.fromString(bob));

    clock.advance(Duration.ofSeconds(11));

    assertThat(replica.onlineUsers(tenant)).containsExactly(UUID.fromString(bob));
    assertThat(replica.expire()).isEqualTo(1);
    assertThat(bobWatching.lastSnapshot().getViewersList()).isEmpty();
    assertThat(replica.expire()).isZero();
  }

  @Test
  void aGoneSessionIsOfflineAtOnceAndLeavesEveryTicket() {
    replica.attach(bobWatching);
    replica.apply(message(Kind.ONLINE, "s1", ann, "", false));
    replica.apply(view("s1", ann, "Ann"));

    replica.apply(message(Kind.GONE, "s1", ann, "", false));

    assertThat(replica.onlineUsers(tenant)).isEmpty();
    assertThat(bobWatching.lastSnapshot().getViewersList()).isEmpty();
  }

  @Test
  void aDetachedSessionHearsNothingMore() {
    replica.attach(bobWatching);
    replica.detach(bobWatching);

    replica.apply(view("s1", ann, "Ann"));

    assertThat(bobWatching.snapshots).isEmpty();
  }

  private PresenceMessage view(String session, String user, String name) {
    return message(Kind.VIEW, session, user, name, false);
  }

  private PresenceMessage message(
      Kind kind, String session, String user, String name, boolean typing) {
    return new PresenceMessage(
        kind,
        tenant,
        kind == Kind.ONLINE || kind == Kind.GONE ? PresenceMessage.NO_TICKET : TICKET,
        session,
        user,
        name,
        typing,
        CommentVisibility.COMMENT_VISIBILITY_INTERNAL,
        clock.millis());
  }

  /** A local session recording what it hears. */
  static final class Session implements PresenceHub.Listener {
    final UUID tenant;
    final String user;
    final String ticket;
    final List<PresenceSnapshot> snapshots = new ArrayList<>();
    final List<TypingIndicator> typing = new ArrayList<>();

    Session(UUID tenant, String user, String ticket) {
      this.tenant = tenant;
      this.user = user;
      this.ticket = ticket;
    }

    PresenceSnapshot lastSnapshot() {
      assertThat(snapshots).isNotEmpty();
      return snapshots.getLast();
    }

    @Override
    public UUID tenant() {
      return tenant;
    }

    @Override
    public boolean viewing(String ticketId) {
      return Set.of(ticket).contains(ticketId);
    }

    @Override
    public void presence(PresenceSnapshot snapshot) {
      snapshots.add(snapshot);
    }

    @Override
    public void typing(TypingIndicator indicator) {
      typing.add(indicator);
    }

    @Override
    public String userId() {
      return user;
    }
  }
}
