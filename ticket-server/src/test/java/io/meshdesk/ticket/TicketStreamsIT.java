package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.*;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import io.meshdesk.ticket.domain.TicketState;
import io.meshdesk.ticket.events.EventRules;
import io.meshdesk.ticket.events.Outbox;
import io.meshdesk.ticket.events.StreamSink;
import io.meshdesk.ticket.events.StreamSubscription;
import io.meshdesk.ticket.persistence.RoutedEvent;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.TicketTx;
import io.meshdesk.ticket.wire.TicketWire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event streams: replay then live without gap or duplicate, two instances, Redis loss, slow
 * clients, sessions.
 */
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
    // Small catch-up pages so replays and gap fills need several; the relay runs only when a test
    // asks.
    TicketConfig config =
        TicketConfig.defaults()
            .withSubscriberBuffer(16)
            .withCatchUpPage(2)
            .withRelayInterval(Duration.ofHours(1));
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
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  for (int i = 0; i < 30; i++) {
                    (i % 2 == 0 ? a : b)
                        .stub(tokens.user(t.id(), t.agent(), Role.AGENT))
                        .createTicket(ticket("during " + i));
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
    Ticket created =
        b.stub(tokens.user(t.id(), t.customer(), Role.CUSTOMER))
            .createTicket(ticket("via B"))
            .getTicket();
    await().until(() -> onA.ticketIds().contains(created.getId()));
    assertThat(onA.events.get(0).getTicketCreated().getTicket().getSubject()).isEqualTo("via B");
  }

  @Test
  void customerStreamCarriesOnlyOwnTicketsAndNoInternalNotes() {
    var t = TicketFixture.Tenant.create(users);
    var carl = a.subscribe(tokens.user(t.id(), t.customer(), Role.CUSTOMER), 0L);
    var agent = b.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    Ticket mine =
        b.stub(tokens.user(t.id(), t.customer(), Role.CUSTOMER))
            .createTicket(ticket("mine"))
            .getTicket();
    b.stub(tokens.user(t.id(), t.customer2(), Role.CUSTOMER)).createTicket(ticket("not mine"));
    agent.addComment(
        AddCommentRequest.newBuilder()
            .setTicketId(mine.getId())
            .setBody("internal")
            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_INTERNAL)
            .build());
    agent.addComment(
        AddCommentRequest.newBuilder()
            .setTicketId(mine.getId())
            .setBody("public")
            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
            .build());
    var staff = a.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
    await()
        .until(
            () ->
                staff.sequences().size() >= 5
                    && carl.events.stream().anyMatch(e -> e.hasCommentAdded()));
    assertThat(carl.ticketIds()).containsOnly(mine.getId());
    assertThat(carl.events)
        .filteredOn(TicketEvent::hasCommentAdded)
        .extracting(e -> e.getCommentAdded().getComment().getBody())
        .containsExactly("public");
    assertThat(carl.events.get(0).getTicketCreated().getTicket().getAiStatus())
        .isEqualTo(AiStatus.AI_STATUS_UNSPECIFIED);
  }

  @Test
  void ticketAboutACardTransactionKeepsTheLinkThroughCreateGetListAndStream() {
    var t = TicketFixture.Tenant.create(users);
    String txn = UUID.randomUUID().toString();
    var staff = a.subscribe(tokens.user(t.id(), t.agent(), Role.AGENT), 0L);
    var customer = b.stub(tokens.user(t.id(), t.customer(), Role.CUSTOMER));
    var agent = a.stub(tokens.user(t.id(), t.agent(), Role.AGENT));

    Ticket created =
        customer
            .createTicket(ticket("Charge I do not know").toBuilder().setTransactionId(txn).build())
            .getTicket();
    Ticket unlinked = customer.createTicket(ticket("No charge")).getTicket();

    assertThat(created.getTransactionId()).isEqualTo(txn);
    assertThat(
            agent
                .getTicket(GetTicketRequest.newBuilder().setTicketId(created.getId()).build())
                .getTicket()
                .getTransactionId())
        .isEqualTo(txn);
    assertThat(customer.listTickets(ListTicketsRequest.getDefaultInstance()).getTicketsList())
        .extracting(Ticket::getId, Ticket::getTransactionId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(created.getId(), txn),
            org.assertj.core.groups.Tuple.tuple(unlinked.getId(), ""));
    await().until(() -> staff.ticketIds().contains(created.getId()));
    assertThat(staff.events)
        .filteredOn(e -> e.getTicketId().equals(created.getId()) && e.hasTicketCreated())
        .extracting(e -> e.getTicketCreated().getTicket().getTransactionId())
        .containsExactly(txn);

    // A transaction id that is not a UUID is refused, naming the field, and opens nothing.
    assertThatThrownBy(
            () ->
                customer.createTicket(
                    ticket("Bad link").toBuilder().setTransactionId("STREAMFLIX").build()))
        .isInstanceOfSatisfying(
            io.grpc.StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("transaction_id");
            });
    assertThat(customer.listTickets(ListTicketsRequest.getDefaultInstance()).getTicketsCount())
        .isEqualTo(2);
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
      for (int i = 0; i < 5; i++) {
        ids.add(agent.createTicket(ticket("while down " + i)).getTicket().getId());
      }
    } finally {
      embedded.startAgain();
    }
    // no relay runs here: the hub reads what it missed, in pages of two, until caught up
    await().atMost(Duration.ofSeconds(30)).until(() -> live.sequences().size() >= 6);
    assertThat(live.sequences()).isEqualTo(range(1, 6));
    assertThat(live.ticketIds()).containsAll(ids);
  }

  @Test
  void slowClientGetsResyncAndResumesFromItsSequence() {
    var t = TicketFixture.Tenant.create(users);
    var agent = a.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    Context.CancellableContext ctx = Context.current().withCancellation();
    List<TicketEvent> got = new ArrayList<>();
    try {
      Iterator<SubscribeResponse> it =
          ctx.call(
              () ->
                  a.stub(tokens.user(t.id(), t.agent2(), Role.AGENT))
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
    List<Long> before =
        got.stream()
            .filter(e -> !e.hasResync() && !e.hasCaughtUp())
            .map(TicketEvent::getSequence)
            .toList();
    assertThat(before).isEqualTo(range(1, resume));
    assertThat(resume).isLessThan(60);

    var again = a.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), resume);
    await().until(() -> again.sequences().size() >= 60 - resume);
    assertThat(again.sequences()).isEqualTo(range(resume + 1, 60));
  }

  @Test
  void sessionsSharePresenceTypingAndCollisionNotices() {
    var t = TicketFixture.Tenant.create(users);
    Ticket ticket =
        a.stub(tokens.user(t.id(), t.agent(), Role.AGENT))
            .createTicket(ticket("together"))
            .getTicket();
    Session alan = new Session();
    Session grace = new Session();
    var toA = a.async(tokens.user(t.id(), t.agent(), Role.AGENT)).agentSession(alan);
    var toB = b.async(tokens.user(t.id(), t.agent2(), Role.AGENT)).agentSession(grace);
    toA.onNext(AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    toB.onNext(AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    await()
        .until(
            () ->
                alan.has(AgentSessionResponse::hasWelcome)
                    && grace.has(AgentSessionResponse::hasWelcome));
    var view = ViewTicket.newBuilder().setTicketId(ticket.getId()).setVersion(1).build();
    toA.onNext(AgentSessionRequest.newBuilder().setViewTicket(view).build());
    toB.onNext(AgentSessionRequest.newBuilder().setViewTicket(view).build());
    await().until(() -> alan.has(m -> m.hasPresence() && m.getPresence().getViewersCount() == 2));

    toB.onNext(
        AgentSessionRequest.newBuilder()
            .setTyping(
                TypingUpdate.newBuilder()
                    .setTicketId(ticket.getId())
                    .setTyping(true)
                    .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC))
            .build());
    await()
        .until(
            () ->
                alan.has(
                    m -> m.hasTyping() && m.getTyping().getUserId().equals(t.agent2().toString())));
    // marker: Alan types after Grace; once his indicator has reached her, her own would have come
    // before it
    toA.onNext(
        AgentSessionRequest.newBuilder()
            .setTyping(
                TypingUpdate.newBuilder()
                    .setTicketId(ticket.getId())
                    .setTyping(true)
                    .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC))
            .build());
    await()
        .until(
            () ->
                grace.has(
                    m -> m.hasTyping() && m.getTyping().getUserId().equals(t.agent().toString())));
    assertThat(grace.messages)
        .filteredOn(AgentSessionResponse::hasTyping)
        .allSatisfy(m -> assertThat(m.getTyping().getUserId()).isEqualTo(t.agent().toString()));

    b.stub(tokens.user(t.id(), t.agent2(), Role.AGENT))
        .updateTicket(
            UpdateTicketRequest.newBuilder()
                .setTicketId(ticket.getId())
                .setExpectedVersion(1)
                .setPriority(TicketPriority.TICKET_PRIORITY_URGENT)
                .build());
    await().until(() -> alan.has(m -> m.hasCollision() && m.getCollision().getVersion() == 2));
    var notice =
        alan.messages.stream()
            .filter(AgentSessionResponse::hasCollision)
            .findFirst()
            .orElseThrow()
            .getCollision();
    assertThat(notice.getChangedBy().getId()).isEqualTo(t.agent2().toString());
    assertThat(notice.getChangedFields().getPathsList()).containsExactly("priority");
    await().until(() -> grace.has(m -> m.hasEvent() && m.getEvent().getTicketVersion() == 2));
    // marker: Alan's later change reaches Grace as a collision; a notice of her own change would
    // have come first
    a.stub(tokens.user(t.id(), t.agent(), Role.AGENT))
        .updateTicket(
            UpdateTicketRequest.newBuilder()
                .setTicketId(ticket.getId())
                .setExpectedVersion(2)
                .setPriority(TicketPriority.TICKET_PRIORITY_LOW)
                .build());
    await().until(() -> grace.has(m -> m.hasCollision() && m.getCollision().getVersion() == 3));
    assertThat(grace.messages)
        .filteredOn(AgentSessionResponse::hasCollision)
        .allSatisfy(
            m ->
                assertThat(m.getCollision().getChangedBy().getId())
                    .isEqualTo(t.agent().toString()));

    toB.onCompleted();
    await().until(() -> alan.has(m -> m.hasPresence() && m.getPresence().getViewersCount() == 1));
    toA.onCompleted();
  }

  @Test
  void relayPublishesAnEventTheAfterCommitPathLeftUnpublished() {
    var t = TicketFixture.Tenant.create(users);
    Ticket created =
        a.stub(tokens.user(t.id(), t.agent(), Role.AGENT))
            .createTicket(ticket("relayed"))
            .getTicket();
    var live = b.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
    await().until(() -> live.sequences().size() == 1);

    // an event committed but never handed to Redis (as when the process dies right after commit)
    var gate = new io.meshdesk.ticket.persistence.SequenceGate().hold(t.id());
    new Transactions(a.database.dataSource())
        .inTenant(
            t.id(),
            c -> {
              TicketTx tx = new TicketTx(c, t.id(), Instant.now(), gate);
              TicketState s = new TicketStore(tx).lock(created.getId()).orElseThrow();
              Outbox.append(
                  tx,
                  s,
                  "",
                  "",
                  false,
                  TicketEvent.newBuilder()
                      .setActor(TicketWire.actor(Actor.SYSTEM))
                      .setTicketUpdated(
                          TicketUpdated.newBuilder().setTicket(TicketWire.ticket(s.record()))),
                  false);
              return null;
            });
    gate.leave();

    // reaches the live stream once the relay has published it
    await()
        .until(
            () -> {
              a.tickets.relay().runOnce();
              return live.sequences().size() == 2;
            });
    assertThat(live.sequences()).isEqualTo(range(1, 2));
    assertThat(live.events.get(1).hasTicketUpdated()).isTrue();
  }

  @Test
  void attachedSuggestionIsStreamedToStaff() {
    var t = TicketFixture.Tenant.create(users);
    var staff = a.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
    Ticket created =
        b.stub(tokens.user(t.id(), t.customer(), Role.CUSTOMER))
            .createTicket(ticket("needs AI"))
            .getTicket();
    b.stub(tokens.service(t.id(), UUID.randomUUID(), java.util.Set.of("suggestions.write")))
        .attachSuggestion(
            AttachSuggestionRequest.newBuilder()
                .setTicketId(created.getId())
                .setJobId(UUID.randomUUID().toString())
                .setTicketVersion(1)
                .setSentiment(
                    Sentiment.newBuilder().setLabel(SentimentLabel.SENTIMENT_LABEL_NEUTRAL))
                .setCategory("general")
                .setSuggestedPriority(TicketPriority.TICKET_PRIORITY_NORMAL)
                .setSummary("Needs help")
                .setDraftedReply("Hello")
                .setConfidence(0.7f)
                .setDrafter("offline-bm25")
                .build());
    await().until(() -> staff.events.stream().anyMatch(TicketEvent::hasSuggestionReady));
    TicketEvent ready =
        staff.events.stream().filter(TicketEvent::hasSuggestionReady).findFirst().orElseThrow();
    assertThat(ready.getTicketId()).isEqualTo(created.getId());
    assertThat(ready.getSuggestionReady().getSuggestion().getDraftedReply()).isEqualTo("Hello");
  }

  @Test
  void draftChunksForAClientThatDoesNotReadStayWithinTheBuffer() {
    var t = TicketFixture.Tenant.create(users);
    List<TicketEvent> sent = new CopyOnWriteArrayList<>();
    StreamSink neverReady =
        new StreamSink() {
          @Override
          public boolean isReady() {
            return false;
          }

          @Override
          public void send(TicketEvent event) {
            sent.add(event);
          }

          @Override
          public void resync(TicketEvent resync) {
            sent.add(resync);
          }

          @Override
          public void fail(RuntimeException error) {
            throw new AssertionError("unexpected failure", error);
          }
        };
    var rules =
        EventRules.of(
            t.agent(), false, EventFilter.newBuilder().setIncludeSuggestionDrafts(true).build());
    var sub =
        new StreamSubscription(
            t.id(),
            rules,
            a.tickets.hub(),
            new Transactions(a.database.dataSource()),
            16,
            2,
            neverReady);
    sub.run(null);
    try {
      for (int i = 0; i < 100; i++) {
        sub.offerEphemeral(
            new RoutedEvent(
                t.id(),
                0,
                t.customer().toString(),
                "",
                "",
                "",
                "",
                true,
                0,
                TicketEvent.newBuilder()
                    .setTicketId(UUID.randomUUID().toString())
                    .setSuggestionDraftChunk(
                        SuggestionDraftChunk.newBuilder()
                            .setJobId(UUID.randomUUID().toString())
                            .setChunkIndex(i)
                            .setText("word "))
                    .build()));
      }
      assertThat(sub.queued()).isEqualTo(16); // the CaughtUp marker and 15 chunks
      assertThat(sub.droppedEphemeral()).isEqualTo(85);
      assertThat(sent).isEmpty();
    } finally {
      sub.close();
    }
  }

  @Test
  void sessionIsToldOfChangesToAViewedTicketOutsideItsFilter() {
    var t = TicketFixture.Tenant.create(users);
    var agent = a.stub(tokens.user(t.id(), t.agent(), Role.AGENT));
    Ticket viewed = agent.createTicket(ticket("viewed")).getTicket();
    Ticket other = agent.createTicket(ticket("filtered on")).getTicket();
    Session alan = new Session();
    var toA = a.async(tokens.user(t.id(), t.agent(), Role.AGENT)).agentSession(alan);
    toA.onNext(
        AgentSessionRequest.newBuilder()
            .setHello(
                AgentHello.newBuilder()
                    .setFilter(EventFilter.newBuilder().addTicketIds(other.getId())))
            .build());
    await().until(() -> alan.has(AgentSessionResponse::hasWelcome));
    toA.onNext(
        AgentSessionRequest.newBuilder()
            .setViewTicket(ViewTicket.newBuilder().setTicketId(viewed.getId()).setVersion(1))
            .build());
    await().until(() -> a.tickets.hub().subscriberCount() >= 2);

    b.stub(tokens.user(t.id(), t.agent2(), Role.AGENT))
        .updateTicket(
            UpdateTicketRequest.newBuilder()
                .setTicketId(viewed.getId())
                .setExpectedVersion(1)
                .setPriority(TicketPriority.TICKET_PRIORITY_HIGH)
                .build());
    await()
        .until(
            () ->
                alan.has(
                    m ->
                        m.hasCollision() && m.getCollision().getTicketId().equals(viewed.getId())));
    assertThat(alan.messages)
        .filteredOn(AgentSessionResponse::hasEvent)
        .extracting(m -> m.getEvent().getTicketId())
        .doesNotContain(viewed.getId());
    toA.onCompleted();
  }

  @Test
  void sessionWhoseReplayFailsEndsWithAnError() {
    var t = TicketFixture.Tenant.create(users);
    // an outbox row that cannot be decoded makes the replay fail
    new Transactions(a.database.dataSource())
        .inTenant(
            t.id(),
            c -> {
              try (var ps =
                  c.prepareStatement(
                      "insert into ticket.tenant_counters (tenant_id, last_sequence) values (?, 1)")) {
                ps.setObject(1, t.id());
                ps.executeUpdate();
              }
              try (var ps =
                  c.prepareStatement(
                      "insert into ticket.outbox (tenant_id, sequence, occurred_at, envelope) values (?, 1, now(), ?)")) {
                ps.setObject(1, t.id());
                ps.setBytes(2, new byte[] {9});
                ps.executeUpdate();
              }
              return null;
            });
    Session s = new Session();
    var requests = a.async(tokens.user(t.id(), t.agent(), Role.AGENT)).agentSession(s);
    requests.onNext(
        AgentSessionRequest.newBuilder()
            .setHello(AgentHello.newBuilder().setAfterSequence(0))
            .build());
    await().until(() -> s.error.get() != null);
    assertThat(io.grpc.Status.fromThrowable(s.error.get()).getCode())
        .isEqualTo(io.grpc.Status.Code.INTERNAL);
  }

  @Test
  void sessionThatDoesNotReadKeepsOnlyTheLatestTypingAndPresence() {
    var t = TicketFixture.Tenant.create(users);
    Ticket ticket =
        a.stub(tokens.user(t.id(), t.agent(), Role.AGENT))
            .createTicket(ticket("crowded"))
            .getTicket();
    var view =
        AgentSessionRequest.newBuilder()
            .setViewTicket(ViewTicket.newBuilder().setTicketId(ticket.getId()).setVersion(1))
            .build();
    // given Alan's client reads nothing
    StalledSession alan = new StalledSession();
    var toA = a.async(tokens.user(t.id(), t.agent(), Role.AGENT)).agentSession(alan);
    toA.onNext(AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    toA.onNext(view);
    Session grace = new Session();
    var toB = b.async(tokens.user(t.id(), t.agent2(), Role.AGENT)).agentSession(grace);
    toB.onNext(AgentSessionRequest.newBuilder().setHello(AgentHello.getDefaultInstance()).build());
    toB.onNext(view);
    await().until(() -> grace.has(m -> m.hasPresence() && m.getPresence().getViewersCount() == 2));
    long before = a.tickets.outboundStats().superseded();

    // when Grace's typing state flips many times
    for (int i = 1; i <= 100; i++) {
      toB.onNext(
          AgentSessionRequest.newBuilder()
              .setTyping(
                  TypingUpdate.newBuilder()
                      .setTicketId(ticket.getId())
                      .setTyping(i % 2 == 1)
                      .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC))
              .build());
    }

    // then Alan's queue replaces the waiting indicator instead of growing
    await().until(() -> a.tickets.outboundStats().superseded() - before >= 99);
    assertThat(a.tickets.outboundStats().peakQueued())
        .isLessThanOrEqualTo(a.tickets.outboundStats().capacity());
    alan.call.request(1_000);
    await().until(() -> alan.messages.stream().anyMatch(AgentSessionResponse::hasTyping));
    var typing = alan.messages.stream().filter(AgentSessionResponse::hasTyping).toList();
    assertThat(typing.get(0).getTyping().getTyping()).isFalse();
    assertThat(typing.size()).isLessThanOrEqualTo(2);
    toA.onCompleted();
    toB.onCompleted();
  }

  /** An agent-session client that reads nothing until the test asks. */
  static final class StalledSession
      implements io.grpc.stub.ClientResponseObserver<AgentSessionRequest, AgentSessionResponse> {
    final List<AgentSessionResponse> messages = new CopyOnWriteArrayList<>();
    volatile io.grpc.stub.ClientCallStreamObserver<AgentSessionRequest> call;

    @Override
    public void beforeStart(
        io.grpc.stub.ClientCallStreamObserver<AgentSessionRequest> requestStream) {
      call = requestStream;
      requestStream.disableAutoRequestWithInitial(0);
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

  /** Collects agent-session messages. */
  static final class Session implements StreamObserver<AgentSessionResponse> {
    final List<AgentSessionResponse> messages = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicReference<Throwable> error =
        new java.util.concurrent.atomic.AtomicReference<>();

    boolean has(java.util.function.Predicate<AgentSessionResponse> p) {
      return messages.stream().anyMatch(p);
    }

    @Override
    public void onNext(AgentSessionResponse value) {
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
