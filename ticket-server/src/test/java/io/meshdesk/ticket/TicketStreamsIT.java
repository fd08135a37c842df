package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.*;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Event streams: replay then live without gap or duplicate, two instances, Redis loss, slow clients, sessions. */
class TicketStreamsIT {

  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static DatabaseConfig db;
  static RedisConfig redis;
  static TicketFixture a;
  static TicketFixture b;

  @BeforeAll
  static void start() {
    db = TicketFixture.migratedDatabase("ticketstreams");
    redis = TestEnvironment.get().newRedis("ticketstreams");
    TicketConfig config = TicketConfig.defaults().withSubscriberBuffer(16);
    a = new TicketFixture(db, redis, tokens, users, Clock.systemUTC(), config);
    b = new TicketFixture(db, redis, tokens, users, Clock.systemUTC(), config);
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void subscriberGetsReplayThenLiveInOrderWithoutGapOrDuplicate() throws Exception {
    var t = TicketFixture.Tenant.create(users);
    var agent = a.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    for (int i = 0; i < 5; i++) {
      agent.createTicket(ticket("before " + i));
    }
    Thread writer = Thread.ofVirtual().start(() -> {
      for (int i = 0; i < 30; i++) {
        (i % 2 == 0 ? a : b).stub(tokens.user(t.id(), t.agent(), Role.AGENT)).createTicket(ticket("during " + i));
      }
    });
    var events = a.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
    writer.join();
    await().until(() -> events.sequences().size() >= 35);
    assertThat(events.sequences()).isEqualTo(range(1, 35));

    // resume after a disconnect loses nothing
    var resumed = b.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 20L);
    agent.createTicket(ticket("after"));
    await().until(() -> resumed.sequences().size() >= 16);
    assertThat(resumed.sequences()).isEqualTo(range(21, 36));
  }

  @Test
  void agentOnOneInstanceSeesChangesMadeThroughTheOther() {
    var t = TicketFixture.Tenant.create(users);
    var onA = a.subscribe(tokens.user(t.id(), t.agent(), Role.AGENT), null);
    await().until(() -> a.tickets.hub().subscriberCount() > 0);
    Ticket created = b.stub(tokens.user(t.id(), t.customer(), Role.CUSTOMER)).createTicket(ticket("via B")).getTicket();
    await().until(() -> onA.ticketIds().contains(created.getId()));
    assertThat(onA.events.get(0).getTicketCreated().getTicket().getSubject()).isEqualTo("via B");
  }

  @Test
  void customerStreamCarriesOnlyOwnTicketsAndNoInternalNotes() {
    var t = TicketFixture.Tenant.create(users);
    var carl = a.subscribe(tokens.user(t.id(), t.customer(), Role.CUSTOMER), 0L);
    var agent = b.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    Ticket mine = b.stub(tokens.user(t.id(), t.customer(), Role.CUSTOMER)).createTicket(ticket("mine")).getTicket();
    b.stub(tokens.user(t.id(), t.customer2(), Role.CUSTOMER)).createTicket(ticket("not mine"));
    agent.addComment(AddCommentRequest.newBuilder().setTicketId(mine.getId()).setBody("internal")
        .setVisibility(CommentVisibility.COMMENT_VISIBILITY_INTERNAL).build());
    agent.addComment(AddCommentRequest.newBuilder().setTicketId(mine.getId()).setBody("public")
        .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC).build());
    var staff = a.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
    await().until(() -> staff.sequences().size() >= 5 && carl.events.stream().anyMatch(e -> e.hasCommentAdded()));
    assertThat(carl.ticketIds()).containsOnly(mine.getId());
    assertThat(carl.events).filteredOn(TicketEvent::hasCommentAdded).extracting(e -> e.getCommentAdded().getComment().getBody())
        .containsExactly("public");
    assertThat(carl.events.get(0).getTicketCreated().getTicket().getAiStatus()).isEqualTo(AiStatus.AI_STATUS_UNSPECIFIED);
  }

  @Test
  void streamsCatchUpAfterRedisWasDownWhileTicketsWereCreated() {
    var embedded = TestEnvironment.get().embeddedRedis().orElseThrow();
    var t = TicketFixture.Tenant.create(users);
    var agent = a.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    agent.createTicket(ticket("warm-up"));
    var live = b.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
    await().until(() -> live.sequences().size() == 1);
    embedded.stop();
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        ids.add(agent.createTicket(ticket("while down " + i)).getTicket().getId());
      }
    } finally {
      embedded.startAgain();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> live.sequences().size() >= 4);
    assertThat(live.sequences()).isEqualTo(range(1, 4));
    assertThat(live.ticketIds()).containsAll(ids);
  }

  @Test
  void slowClientGetsResyncAndResumesFromItsSequence() {
    var t = TicketFixture.Tenant.create(users);
    var agent = a.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    Context.CancellableContext ctx = Context.current().withCancellation();
    List<TicketEvent> got = new ArrayList<>();
    try {
      Iterator<SubscribeResponse> it = ctx.call(() -> a.stub(tokens.user(t.id(), t.agent2(), Role.AGENT))
          .subscribe(SubscribeRequest.newBuilder().setAfterSequence(0).build()));
      for (int i = 0; i < 60; i++) {
        agent.createTicket(ticket("flood " + i).toBuilder().setBody("x".repeat(2000)).build());
      }
      while (it.hasNext()) {
        got.add(it.next().getEvent());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      ctx.cancel(null);
    }
    TicketEvent last = got.get(got.size() - 1);
    assertThat(last.hasResync()).isTrue();
    long resume = last.getResync().getResumeAfterSequence();
    List<Long> before = got.stream().filter(e -> !e.hasResync()).map(TicketEvent::getSequence).toList();
    assertThat(before).isEqualTo(range(1, resume));
    assertThat(resume).isLessThan(60);

    var again = a.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), resume);
    await().until(() -> again.sequences().size() >= 60 - resume);
    assertThat(again.sequences()).isEqualTo(range(resume + 1, 60));
  }

  @Test
  void sessionsSharePresenceTypingAndCollisionNotices() {
    var t = TicketFixture.Tenant.create(users);
    Ticket ticket = a.stub(tokens.user(t.id(), t.agent(), Role.AGENT)).createTicket(ticket("together")).getTicket();
    Session alan = new Session();
    Session grace = new Session();
    var toA = a.async(tokens.user(t.id(), t.agent(), Role.AGENT)).agentSession(alan);
    var toB = b.async(tokens.user(t.id(), t.agent2(), Role.AGENT)).agentSession(grace);
    toA.onNext(AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    toB.onNext(AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    await().until(() -> alan.has(AgentSessionResponse::hasWelcome) && grace.has(AgentSessionResponse::hasWelcome));
    var view = ViewTicket.newBuilder().setTicketId(ticket.getId()).setVersion(1).build();
    toA.onNext(AgentSessionRequest.newBuilder().setViewTicket(view).build());
    toB.onNext(AgentSessionRequest.newBuilder().setViewTicket(view).build());
    await().until(() -> alan.has(m -> m.hasPresence() && m.getPresence().getViewersCount() == 2));

    toB.onNext(AgentSessionRequest.newBuilder().setTyping(TypingUpdate.newBuilder().setTicketId(ticket.getId()).setTyping(true)
        .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)).build());
    await().until(() -> alan.has(m -> m.hasTyping() && m.getTyping().getUserId().equals(t.agent2().toString())));
    assertThat(grace.has(AgentSessionResponse::hasTyping)).isFalse();

    b.stub(tokens.user(t.id(), t.agent2(), Role.AGENT)).updateTicket(UpdateTicketRequest.newBuilder().setTicketId(ticket.getId())
        .setExpectedVersion(1).setPriority(TicketPriority.TICKET_PRIORITY_URGENT).build());
    await().until(() -> alan.has(m -> m.hasCollision() && m.getCollision().getVersion() == 2));
    var notice = alan.messages.stream().filter(AgentSessionResponse::hasCollision).findFirst().orElseThrow().getCollision();
    assertThat(notice.getChangedBy().getId()).isEqualTo(t.agent2().toString());
    assertThat(notice.getChangedFields().getPathsList()).containsExactly("priority");
    await().until(() -> grace.has(m -> m.hasEvent() && m.getEvent().getTicketVersion() == 2));
    assertThat(grace.has(AgentSessionResponse::hasCollision)).isFalse();

    toB.onCompleted();
    await().until(() -> alan.has(m -> m.hasPresence() && m.getPresence().getViewersCount() == 1));
    toA.onCompleted();
  }

  /** Collects agent-session messages. */
  static final class Session implements StreamObserver<AgentSessionResponse> {
    final List<AgentSessionResponse> messages = new CopyOnWriteArrayList<>();

    boolean has(java.util.function.Predicate<AgentSessionResponse> p) {
      return messages.stream().anyMatch(p);
    }

    @Override
    public void onNext(AgentSessionResponse value) {
      messages.add(value);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }

}
