package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.SetTypingRequest;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.api.ticket.v1.ViewerPresence;
import io.meshdesk.api.ticket.v1.WatchTicketRequest;
import io.meshdesk.api.ticket.v1.WatchTicketResponse;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WatchTicket and SetTyping, the browsers' presence: two instances sharing presence through Redis.
 */
class TicketWatchIT {

  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static TicketFixture a;
  static TicketFixture b;

  @BeforeAll
  static void start() {
    DatabaseConfig db = TicketFixture.migratedDatabase("ticketwatch");
    RedisConfig redis = TestEnvironment.get().newRedis("ticketwatch");
    a = new TicketFixture(db, redis, tokens, users, Clock.systemUTC(), TicketConfig.defaults());
    b = new TicketFixture(db, redis, tokens, users, Clock.systemUTC(), TicketConfig.defaults());
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
  }

  @Test
  void watchersOnTwoInstancesSeePresenceTypingCollisionAndDeparture() {
    var t = TicketFixture.Tenant.create(users);
    String alan = tokens.user(t.id(), t.agent(), Role.AGENT);
    String grace = tokens.user(t.id(), t.agent2(), Role.AGENT);
    Ticket ticket =
        a.stub(tokens.user(t.id(), t.customer(), Role.CUSTOMER))
            .createTicket(ticket("watched"))
            .getTicket();

    // given two agents watching the same ticket through different instances
    Watch alanWatch = Watch.open(a, alan, ticket);
    Watch graceWatch = Watch.open(b, grace, ticket);

    // then each sees both in the presence snapshot
    for (Watch w : List.of(alanWatch, graceWatch)) {
      await()
          .until(
              () ->
                  w.has(
                      m ->
                          m.hasPresence()
                              && viewers(m)
                                  .containsAll(
                                      List.of(t.agent().toString(), t.agent2().toString()))));
    }
    assertThat(alanWatch.last(WatchTicketResponse::hasPresence).getPresence().getViewersList())
        .extracting(ViewerPresence::getDisplayName)
        .containsExactlyInAnyOrder("Alan Agent", "Grace Agent");

    // when Grace types, Alan sees it and Grace does not hear herself
    b.stub(grace)
        .setTyping(
            SetTypingRequest.newBuilder()
                .setTicketId(ticket.getId())
                .setTyping(true)
                .setVisibility(CommentVisibility.COMMENT_VISIBILITY_INTERNAL)
                .build());
    await()
        .until(
            () ->
                alanWatch.has(
                    m ->
                        m.hasTyping()
                            && m.getTyping().getTyping()
                            && m.getTyping().getUserId().equals(t.agent2().toString())
                            && m.getTyping().getVisibility()
                                == CommentVisibility.COMMENT_VISIBILITY_INTERNAL));
    assertThat(graceWatch.has(WatchTicketResponse::hasTyping)).isFalse();

    // and the server clears it when no refresh follows
    await().until(() -> alanWatch.has(m -> m.hasTyping() && !m.getTyping().getTyping()));

    // when a third party changes the ticket, both watchers get a notice naming the change
    String admin = tokens.user(t.id(), t.admin(), Role.ADMIN);
    a.stub(admin)
        .updateTicket(
            UpdateTicketRequest.newBuilder()
                .setTicketId(ticket.getId())
                .setExpectedVersion(ticket.getVersion())
                .setPriority(TicketPriority.TICKET_PRIORITY_URGENT)
                .build());
    long next = ticket.getVersion() + 1;
    for (Watch w : List.of(alanWatch, graceWatch)) {
      await().until(() -> w.has(m -> m.hasCollision() && m.getCollision().getVersion() == next));
      var notice = w.last(WatchTicketResponse::hasCollision).getCollision();
      assertThat(notice.getChangedBy().getId()).isEqualTo(t.admin().toString());
      assertThat(notice.getChangedFields().getPathsList()).containsExactly("priority");
      assertThat(notice.getMessage()).contains("version " + next).contains("Ada Admin");
    }

    // when Grace closes her stream, she is no longer a viewer
    graceWatch.close();
    await()
        .until(
            () ->
                viewers(alanWatch.last(WatchTicketResponse::hasPresence))
                    .equals(List.of(t.agent().toString())));
    alanWatch.close();
  }

  @Test
  void ownChangeIsNoCollisionButAStaleScreenIsToldAtOnce() {
    var t = TicketFixture.Tenant.create(users);
    String alan = tokens.user(t.id(), t.agent(), Role.AGENT);
    Ticket ticket = a.stub(alan).createTicket(ticket("mine")).getTicket();
    Watch watch = Watch.open(a, alan, ticket);
    await().until(() -> watch.has(WatchTicketResponse::hasPresence));

    a.stub(alan)
        .updateTicket(
            UpdateTicketRequest.newBuilder()
                .setTicketId(ticket.getId())
                .setExpectedVersion(ticket.getVersion())
                .setPriority(TicketPriority.TICKET_PRIORITY_LOW)
                .build());
    Watch stale = Watch.open(b, tokens.user(t.id(), t.agent2(), Role.AGENT), ticket);

    await()
        .until(
            () ->
                stale.has(
                    m ->
                        m.hasCollision()
                            && m.getCollision().getVersion() == ticket.getVersion() + 1));
    await().until(() -> watch.has(m -> m.hasPresence() && m.getPresence().getViewersCount() == 2));
    assertThat(watch.has(WatchTicketResponse::hasCollision)).isFalse();
    watch.close();
    stale.close();
  }

  @Test
  void watchingAnUnknownTicketIsNotFoundAndCustomersMayNotWatch() {
    var t = TicketFixture.Tenant.create(users);
    Ticket ticket =
        a.stub(tokens.user(t.id(), t.customer(), Role.CUSTOMER))
            .createTicket(ticket("private"))
            .getTicket();
    var unknown =
        WatchTicketRequest.newBuilder()
            .setTicketId(UUID.randomUUID().toString())
            .setVersion(1)
            .build();

    assertThatThrownBy(
            () -> a.stub(tokens.user(t.id(), t.agent(), Role.AGENT)).watchTicket(unknown).hasNext())
        .isInstanceOf(StatusRuntimeException.class)
        .satisfies(
            e ->
                assertThat(((StatusRuntimeException) e).getStatus().getCode())
                    .isEqualTo(Status.Code.NOT_FOUND));
    var own = WatchTicketRequest.newBuilder().setTicketId(ticket.getId()).setVersion(1).build();
    assertThatThrownBy(
            () ->
                a.stub(tokens.user(t.id(), t.customer(), Role.CUSTOMER)).watchTicket(own).hasNext())
        .satisfies(
            e ->
                assertThat(((StatusRuntimeException) e).getStatus().getCode())
                    .isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void watcherThatDoesNotReadHoldsOnlyTheLatestTypingState() {
    var t = TicketFixture.Tenant.create(users);
    String alan = tokens.user(t.id(), t.agent(), Role.AGENT);
    String grace = tokens.user(t.id(), t.agent2(), Role.AGENT);
    Ticket ticket = a.stub(alan).createTicket(ticket("busy")).getTicket();

    // given Alan's browser stops reading its stream (it requests no messages)
    Stalled stalled = new Stalled();
    Context.CancellableContext ctx = Context.current().withCancellation();
    ctx.run(
        () ->
            a.async(alan)
                .watchTicket(
                    WatchTicketRequest.newBuilder()
                        .setTicketId(ticket.getId())
                        .setVersion(ticket.getVersion())
                        .build(),
                    stalled));
    Watch graceWatch = Watch.open(b, grace, ticket);
    await()
        .until(
            () ->
                graceWatch.has(m -> m.hasPresence() && viewers(m).contains(t.agent().toString())));
    long supersededBefore = a.tickets.outboundStats().superseded();

    // when Grace's typing state changes many times
    int updates = 200;
    for (int i = 1; i <= updates; i++) {
      b.stub(grace)
          .setTyping(
              SetTypingRequest.newBuilder()
                  .setTicketId(ticket.getId())
                  .setTyping(i % 2 == 1)
                  .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                  .build());
    }

    // then the queue for Alan keeps one entry per key instead of every update
    await().until(() -> a.tickets.outboundStats().superseded() - supersededBefore >= updates - 1);
    assertThat(a.tickets.outboundStats().peakQueued())
        .isLessThanOrEqualTo(a.tickets.outboundStats().capacity());

    // and once Alan reads again he gets the latest state, not the backlog
    stalled.call.request(1_000);
    await().until(() -> stalled.messages.stream().anyMatch(WatchTicketResponse::hasTyping));
    List<WatchTicketResponse> typing =
        stalled.messages.stream().filter(WatchTicketResponse::hasTyping).toList();
    assertThat(typing.get(0).getTyping().getTyping()).isFalse();
    assertThat(typing.size()).isLessThanOrEqualTo(2);
    ctx.cancel(null);
    graceWatch.close();
  }

  /** A WatchTicket client that reads nothing until the test asks. */
  static final class Stalled
      implements ClientResponseObserver<WatchTicketRequest, WatchTicketResponse> {
    final List<WatchTicketResponse> messages = new CopyOnWriteArrayList<>();
    volatile ClientCallStreamObserver<WatchTicketRequest> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchTicketRequest> requestStream) {
      call = requestStream;
      requestStream.disableAutoRequestWithInitial(0);
    }

    @Override
    public void onNext(WatchTicketResponse value) {
      messages.add(value);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }

  private static List<String> viewers(WatchTicketResponse m) {
    return m.getPresence().getViewersList().stream().map(ViewerPresence::getUserId).toList();
  }

  /** One open WatchTicket stream and what it received. */
  static final class Watch implements StreamObserver<WatchTicketResponse> {
    final List<WatchTicketResponse> messages = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    Context.CancellableContext context;

    static Watch open(TicketFixture server, String token, Ticket ticket) {
      Watch w = new Watch();
      w.context = Context.current().withCancellation();
      var request =
          WatchTicketRequest.newBuilder()
              .setTicketId(ticket.getId())
              .setVersion(ticket.getVersion())
              .build();
      w.context.run(() -> server.async(token).watchTicket(request, w));
      return w;
    }

    boolean has(Predicate<WatchTicketResponse> p) {
      return messages.stream().anyMatch(p);
    }

    WatchTicketResponse last(Predicate<WatchTicketResponse> p) {
      return messages.reversed().stream().filter(p).findFirst().orElseThrow();
    }

    void close() {
      context.cancel(null);
    }

    @Override
    public void onNext(WatchTicketResponse value) {
      messages.add(value);
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
    }

    @Override
    public void onCompleted() {}
  }
}
