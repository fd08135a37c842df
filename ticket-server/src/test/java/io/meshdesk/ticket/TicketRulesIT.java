package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.ticket.v1.*;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.stream.StreamMessageId;

/**
 * Ticket rules through the gRPC service: lifecycle, versions, isolation, lists, search, SLA, AI.
 */
class TicketRulesIT {

  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static DatabaseConfig db;
  static RedisConfig redis;
  static TicketFixture server;

  @BeforeAll
  static void start() {
    db = TicketFixture.migratedDatabase("ticketrules");
    redis = TestEnvironment.get().newRedis("ticketrules");
    server =
        new TicketFixture(db, redis, tokens, users, Clock.systemUTC(), TicketConfig.defaults());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private TicketServiceGrpc.TicketServiceBlockingStub as(
      TicketFixture.Tenant t, UUID user, Role role) {
    return server.stub(tokens.user(t.id(), user, role));
  }

  private static Status.Code code(Runnable r) {
    try {
      r.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  @Test
  void enforcesLifecycleAndReopensSolvedTicketOnCustomerReply() {
    var t = TicketFixture.Tenant.create(users);
    var customer = as(t, t.customer(), Role.CUSTOMER);
    var agent = as(t, t.agent(), Role.AGENT);
    Ticket created = customer.createTicket(ticket("Printer on fire")).getTicket();
    assertThat(created.getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_NEW);
    assertThat(created.getVersion()).isEqualTo(1);

    assertThatThrownBy(
            () ->
                agent.updateTicket(
                    UpdateTicketRequest.newBuilder()
                        .setTicketId(created.getId())
                        .setExpectedVersion(1)
                        .setStatus(TicketStatus.TICKET_STATUS_CLOSED)
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(e.getStatus().getDescription()).contains("NEW to CLOSED");
            });

    Ticket solved =
        agent
            .updateTicket(
                UpdateTicketRequest.newBuilder()
                    .setTicketId(created.getId())
                    .setExpectedVersion(1)
                    .setStatus(TicketStatus.TICKET_STATUS_SOLVED)
                    .build())
            .getTicket();
    assertThat(solved.getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_SOLVED);
    assertThat(solved.hasSolvedAt()).isTrue();

    Ticket reopened =
        customer
            .addComment(
                AddCommentRequest.newBuilder()
                    .setTicketId(created.getId())
                    .setBody("Still burning")
                    .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                    .build())
            .getTicket();
    assertThat(reopened.getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_OPEN);

    Ticket s2 =
        agent
            .updateTicket(
                UpdateTicketRequest.newBuilder()
                    .setTicketId(created.getId())
                    .setExpectedVersion(reopened.getVersion())
                    .setStatus(TicketStatus.TICKET_STATUS_SOLVED)
                    .build())
            .getTicket();
    Ticket closed =
        agent
            .updateTicket(
                UpdateTicketRequest.newBuilder()
                    .setTicketId(created.getId())
                    .setExpectedVersion(s2.getVersion())
                    .setStatus(TicketStatus.TICKET_STATUS_CLOSED)
                    .build())
            .getTicket();
    assertThat(closed.hasClosedAt()).isTrue();

    assertThat(
            code(
                () ->
                    agent.updateTicket(
                        UpdateTicketRequest.newBuilder()
                            .setTicketId(created.getId())
                            .setExpectedVersion(closed.getVersion())
                            .setStatus(TicketStatus.TICKET_STATUS_OPEN)
                            .build())))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(
            code(
                () ->
                    customer.addComment(
                        AddCommentRequest.newBuilder()
                            .setTicketId(created.getId())
                            .setBody("hello?")
                            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                            .build())))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);

    var history =
        agent.getTicketHistory(
            GetTicketHistoryRequest.newBuilder().setTicketId(created.getId()).build());
    assertThat(history.getEntriesList())
        .extracting(TicketHistoryEntry::getKind)
        .contains(
            TicketChangeKind.TICKET_CHANGE_KIND_CREATED,
            TicketChangeKind.TICKET_CHANGE_KIND_STATUS,
            TicketChangeKind.TICKET_CHANGE_KIND_COMMENT);
    assertThat(history.getEntries(history.getEntriesCount() - 1).getTicketVersion())
        .isEqualTo(closed.getVersion());
  }

  @Test
  void staleVersionIsAbortedWithCurrentVersionAndNothingChanges() {
    var t = TicketFixture.Tenant.create(users);
    var agent = as(t, t.agent(), Role.AGENT);
    Ticket created = agent.createTicket(ticket("Race")).getTicket();
    agent.updateTicket(
        UpdateTicketRequest.newBuilder()
            .setTicketId(created.getId())
            .setExpectedVersion(1)
            .setSubject("First")
            .build());
    assertThatThrownBy(
            () ->
                agent.updateTicket(
                    UpdateTicketRequest.newBuilder()
                        .setTicketId(created.getId())
                        .setExpectedVersion(1)
                        .setSubject("Second")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
              assertThat(e.getStatus().getDescription()).contains("current 2");
            });
    assertThat(
            agent
                .getTicket(GetTicketRequest.newBuilder().setTicketId(created.getId()).build())
                .getTicket()
                .getSubject())
        .isEqualTo("First");
  }

  @Test
  void badInputIsRejectedAndNothingIsWritten() {
    var t = TicketFixture.Tenant.create(users);
    var agent = as(t, t.agent(), Role.AGENT);
    assertThat(code(() -> agent.createTicket(ticket("")))).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            code(
                () ->
                    agent.createTicket(
                        ticket("x").toBuilder().setBody("y".repeat(20_001)).build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    Ticket created = agent.createTicket(ticket("Assign me")).getTicket();
    assertThat(
            code(
                () ->
                    agent.assignTicket(
                        AssignTicketRequest.newBuilder()
                            .setTicketId(created.getId())
                            .setExpectedVersion(1)
                            .setAssigneeId(UUID.randomUUID().toString())
                            .build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            code(
                () ->
                    agent.assignTicket(
                        AssignTicketRequest.newBuilder()
                            .setTicketId(created.getId())
                            .setExpectedVersion(1)
                            .setAssigneeId(t.customer().toString())
                            .build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    var list = agent.listTickets(ListTicketsRequest.getDefaultInstance());
    assertThat(list.getTicketsList()).extracting(Ticket::getSubject).containsExactly("Assign me");
    assertThat(list.getTickets(0).getVersion()).isEqualTo(1);

    Ticket assigned =
        agent
            .assignTicket(
                AssignTicketRequest.newBuilder()
                    .setTicketId(created.getId())
                    .setExpectedVersion(1)
                    .setAssigneeId(t.agent2().toString())
                    .build())
            .getTicket();
    assertThat(assigned.getAssigneeId()).isEqualTo(t.agent2().toString());
    Ticket unassigned =
        as(t, t.agent2(), Role.AGENT)
            .assignTicket(
                AssignTicketRequest.newBuilder()
                    .setTicketId(created.getId())
                    .setExpectedVersion(2)
                    .build())
            .getTicket();
    assertThat(unassigned.getAssigneeId()).isEmpty();
  }

  @Test
  void agentReassignsOnlyUnassignedOrOwnTicketsWhileAdminsReassignAny() {
    var t = TicketFixture.Tenant.create(users);
    var alan = as(t, t.agent(), Role.AGENT);
    var grace = as(t, t.agent2(), Role.AGENT);
    Ticket created = alan.createTicket(ticket("Whose is it")).getTicket();

    // an unassigned ticket: any agent may assign it, to themselves or a colleague
    Ticket toGrace =
        alan.assignTicket(
                AssignTicketRequest.newBuilder()
                    .setTicketId(created.getId())
                    .setExpectedVersion(1)
                    .setAssigneeId(t.agent2().toString())
                    .build())
            .getTicket();
    assertThat(toGrace.getAssigneeId()).isEqualTo(t.agent2().toString());

    // Grace's ticket: Alan may neither take it, nor unassign it, nor re-send the same assignment
    for (String assignee : List.of(t.agent().toString(), "", t.agent2().toString())) {
      assertThat(
              code(
                  () ->
                      alan.assignTicket(
                          AssignTicketRequest.newBuilder()
                              .setTicketId(created.getId())
                              .setExpectedVersion(2)
                              .setAssigneeId(assignee)
                              .build())))
          .as("assign to '%s'", assignee)
          .isEqualTo(Status.Code.PERMISSION_DENIED);
    }
    assertThat(
            grace
                .getTicket(GetTicketRequest.newBuilder().setTicketId(created.getId()).build())
                .getTicket()
                .getVersion())
        .isEqualTo(2);

    // Grace hands her own ticket to Alan; the admin takes it back from him
    Ticket toAlan =
        grace
            .assignTicket(
                AssignTicketRequest.newBuilder()
                    .setTicketId(created.getId())
                    .setExpectedVersion(2)
                    .setAssigneeId(t.agent().toString())
                    .build())
            .getTicket();
    assertThat(toAlan.getAssigneeId()).isEqualTo(t.agent().toString());
    Ticket byAdmin =
        as(t, t.admin(), Role.ADMIN)
            .assignTicket(
                AssignTicketRequest.newBuilder()
                    .setTicketId(created.getId())
                    .setExpectedVersion(3)
                    .setAssigneeId(t.agent2().toString())
                    .build())
            .getTicket();
    assertThat(byAdmin.getAssigneeId()).isEqualTo(t.agent2().toString());
  }

  @Test
  void customerSeesOnlyOwnTicketsAndNoInternalNotes() {
    var t = TicketFixture.Tenant.create(users);
    var carl = as(t, t.customer(), Role.CUSTOMER);
    var cora = as(t, t.customer2(), Role.CUSTOMER);
    var agent = as(t, t.agent(), Role.AGENT);
    Ticket carls = carl.createTicket(ticket("Carl's")).getTicket();
    Ticket onBehalf =
        agent
            .createTicket(
                ticket("For Cora").toBuilder().setRequesterId(t.customer2().toString()).build())
            .getTicket();
    assertThat(onBehalf.getRequesterId()).isEqualTo(t.customer2().toString());
    agent.addComment(
        AddCommentRequest.newBuilder()
            .setTicketId(carls.getId())
            .setBody("secret note")
            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_INTERNAL)
            .build());
    agent.addComment(
        AddCommentRequest.newBuilder()
            .setTicketId(carls.getId())
            .setBody("public reply")
            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
            .build());

    assertThat(
            code(
                () ->
                    cora.getTicket(
                        GetTicketRequest.newBuilder().setTicketId(carls.getId()).build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(cora.listTickets(ListTicketsRequest.getDefaultInstance()).getTicketsList())
        .extracting(Ticket::getId)
        .containsExactly(onBehalf.getId());
    assertThat(
            code(
                () ->
                    cora.createTicket(
                        ticket("spoof").toBuilder()
                            .setRequesterId(t.customer().toString())
                            .build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            code(
                () ->
                    carl.addComment(
                        AddCommentRequest.newBuilder()
                            .setTicketId(carls.getId())
                            .setBody("x")
                            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_INTERNAL)
                            .build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);

    var comments =
        carl.listComments(ListCommentsRequest.newBuilder().setTicketId(carls.getId()).build());
    assertThat(comments.getCommentsList())
        .extracting(Comment::getBody)
        .containsExactly("public reply");
    Ticket seen =
        carl.getTicket(GetTicketRequest.newBuilder().setTicketId(carls.getId()).build())
            .getTicket();
    assertThat(seen.getCommentCount()).isEqualTo(1);
    assertThat(
            agent
                .getTicket(GetTicketRequest.newBuilder().setTicketId(carls.getId()).build())
                .getTicket()
                .getCommentCount())
        .isEqualTo(2);

    // an agent of another tenant sees nothing
    var other = TicketFixture.Tenant.create(users);
    assertThat(
            code(
                () ->
                    as(other, other.agent(), Role.AGENT)
                        .getTicket(
                            GetTicketRequest.newBuilder().setTicketId(carls.getId()).build())))
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void keysetPagesCoverEveryTicketOnceAndSearchUsesFullText() {
    var t = TicketFixture.Tenant.create(users);
    var agent = as(t, t.agent(), Role.AGENT);
    for (int i = 0; i < 7; i++) {
      agent.createTicket(
          ticket("Item " + i).toBuilder().addTags(i % 2 == 0 ? "even" : "odd").build());
    }
    agent.createTicket(
        ticket("Refund request").toBuilder().setBody("My invoice was charged twice").build());
    List<String> seen = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      var page =
          agent.listTickets(
              ListTicketsRequest.newBuilder()
                  .setOrder(TicketOrder.TICKET_ORDER_CREATED_AT_ASC)
                  .setPage(PageRequest.newBuilder().setPageSize(3).setPageToken(token))
                  .build());
      page.getTicketsList().forEach(x -> seen.add(x.getSubject()));
      token = page.getPage().getNextPageToken();
      pages++;
    } while (!token.isEmpty());
    assertThat(pages).isEqualTo(3);
    assertThat(seen)
        .containsExactly(
            "Item 0", "Item 1", "Item 2", "Item 3", "Item 4", "Item 5", "Item 6", "Refund request");

    assertThat(
            agent
                .listTickets(ListTicketsRequest.newBuilder().setTag("even").build())
                .getTicketsCount())
        .isEqualTo(4);
    assertThat(
            agent
                .listTickets(ListTicketsRequest.newBuilder().setQuery("charged invoices").build())
                .getTicketsList())
        .extracting(Ticket::getSubject)
        .containsExactly("Refund request");

    // a new subject replaces the old one in the search; body and public replies stay searchable
    Ticket refund =
        agent.listTickets(ListTicketsRequest.newBuilder().setQuery("refund").build()).getTickets(0);
    agent.addComment(
        AddCommentRequest.newBuilder()
            .setTicketId(refund.getId())
            .setBody("Looks like a paper jam")
            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
            .build());
    agent.updateTicket(
        UpdateTicketRequest.newBuilder()
            .setTicketId(refund.getId())
            .setExpectedVersion(refund.getVersion() + 1)
            .setSubject("Broken hinge")
            .build());
    assertThat(
            agent
                .listTickets(ListTicketsRequest.newBuilder().setQuery("hinge").build())
                .getTicketsList())
        .extracting(Ticket::getId)
        .containsExactly(refund.getId());
    assertThat(
            agent
                .listTickets(ListTicketsRequest.newBuilder().setQuery("refund").build())
                .getTicketsList())
        .isEmpty();
    assertThat(
            agent
                .listTickets(ListTicketsRequest.newBuilder().setQuery("invoice jam").build())
                .getTicketsList())
        .extracting(Ticket::getId)
        .containsExactly(refund.getId());
    String firstToken =
        agent
            .listTickets(
                ListTicketsRequest.newBuilder()
                    .setPage(PageRequest.newBuilder().setPageSize(2))
                    .build())
            .getPage()
            .getNextPageToken();
    assertThat(
            code(
                () ->
                    agent.listTickets(
                        ListTicketsRequest.newBuilder()
                            .setTag("odd")
                            .setPage(
                                PageRequest.newBuilder().setPageSize(2).setPageToken(firstToken))
                            .build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void newTicketEnqueuesAiJobAttachIsIdempotentAndQueueCountsTallyFeedback() {
    var t = TicketFixture.Tenant.create(users);
    var agent = as(t, t.agent(), Role.AGENT);
    Ticket created = agent.createTicket(ticket("AI please")).getTicket();
    assertThat(created.getAiStatus()).isEqualTo(AiStatus.AI_STATUS_PENDING);
    var stream =
        server
            .redis
            .client()
            .<String, String>getStream(io.meshdesk.platform.redis.RedisKeys.AI_JOBS_STREAM);
    AiJob job =
        await()
            .until(
                () ->
                    stream.range(StreamMessageId.MIN, StreamMessageId.MAX).values().stream()
                        .map(m -> parse(m.get("job")))
                        .filter(j -> j.getTicketId().equals(created.getId()))
                        .findFirst()
                        .orElse(null),
                j -> j != null);
    assertThat(job.getTenantId()).isEqualTo(t.id().toString());

    var worker =
        server.stub(tokens.service(t.id(), UUID.randomUUID(), Set.of("suggestions.write")));
    AttachSuggestionRequest attach =
        AttachSuggestionRequest.newBuilder()
            .setTicketId(created.getId())
            .setJobId(job.getJobId())
            .setTicketVersion(1)
            .setSentiment(
                Sentiment.newBuilder()
                    .setLabel(SentimentLabel.SENTIMENT_LABEL_NEGATIVE)
                    .setScore(-0.5f))
            .setCategory("billing")
            .setSuggestedPriority(TicketPriority.TICKET_PRIORITY_HIGH)
            .setSummary("Wants help")
            .setDraftedReply("Hello, we are on it.")
            .setConfidence(0.8f)
            .setDrafter("offline-bm25")
            .build();
    var first = worker.attachSuggestion(attach);
    var second = worker.attachSuggestion(attach);
    assertThat(first.getReplayed()).isFalse();
    assertThat(second.getReplayed()).isTrue();
    assertThat(second.getSuggestion().getId()).isEqualTo(first.getSuggestion().getId());
    var got = agent.getTicket(GetTicketRequest.newBuilder().setTicketId(created.getId()).build());
    assertThat(got.getTicket().getAiStatus()).isEqualTo(AiStatus.AI_STATUS_READY);
    assertThat(got.getTicket().getVersion()).isEqualTo(2);
    assertThat(got.getLatestSuggestion().getId()).isEqualTo(first.getSuggestion().getId());
    assertThat(agent.getQueueCounts(GetQueueCountsRequest.getDefaultInstance()).getSuggestions())
        .isEqualTo(SuggestionStats.newBuilder().setSuggested(1).build());

    var fb =
        agent.recordSuggestionFeedback(
            RecordSuggestionFeedbackRequest.newBuilder()
                .setSuggestionId(first.getSuggestion().getId())
                .setOutcome(SuggestionOutcome.SUGGESTION_OUTCOME_EDITED)
                .setFinalText("Hello! On it.")
                .build());
    assertThat(fb.getSuggestion().getFeedback().getOutcome())
        .isEqualTo(SuggestionOutcome.SUGGESTION_OUTCOME_EDITED);
    assertThat(agent.getQueueCounts(GetQueueCountsRequest.getDefaultInstance()).getSuggestions())
        .isEqualTo(SuggestionStats.newBuilder().setSuggested(1).setEdited(1).build());
    var other = TicketFixture.Tenant.create(users);
    assertThat(
            as(other, other.agent(), Role.AGENT)
                .getQueueCounts(GetQueueCountsRequest.getDefaultInstance())
                .getSuggestions())
        .isEqualTo(SuggestionStats.getDefaultInstance());
    assertThat(
            as(t, t.customer(), Role.CUSTOMER)
                .createTicket(ticket("mine"))
                .getTicket()
                .getAiSummary())
        .isEmpty();
  }

  @Test
  void slaBreachIsRecordedOnceWhenTheDeadlinePassesUnmet() {
    var clock = new MutableClock(java.time.Instant.now());
    try (var slaServer =
        new TicketFixture(db, redis, tokens, users, clock, TicketConfig.defaults())) {
      var t = TicketFixture.Tenant.create(users);
      var admin = slaServer.stub(tokens.user(t.id(), t.admin(), Role.ADMIN));
      admin.setSlaPolicy(
          SetSlaPolicyRequest.newBuilder()
              .addTargets(
                  SlaTarget.newBuilder()
                      .setPriority(TicketPriority.TICKET_PRIORITY_NORMAL)
                      .setFirstResponse(com.google.protobuf.Duration.newBuilder().setSeconds(3600))
                      .setResolution(com.google.protobuf.Duration.newBuilder().setSeconds(86400)))
              .build());
      Ticket created = admin.createTicket(ticket("Slow")).getTicket();
      assertThat(created.getFirstResponseDueAt().getSeconds() - created.getCreatedAt().getSeconds())
          .isEqualTo(3600);

      clock.advance(Duration.ofMinutes(59));
      slaServer.tickets.slaChecker().runOnce();
      assertThat(
              admin
                  .getTicket(GetTicketRequest.newBuilder().setTicketId(created.getId()).build())
                  .getTicket()
                  .getFirstResponseBreached())
          .isFalse();

      clock.advance(Duration.ofMinutes(2));
      slaServer.tickets.slaChecker().runOnce();
      slaServer.tickets.slaChecker().runOnce();
      Ticket after =
          admin
              .getTicket(GetTicketRequest.newBuilder().setTicketId(created.getId()).build())
              .getTicket();
      assertThat(after.getFirstResponseBreached()).isTrue();
      assertThat(after.getResolutionBreached()).isFalse();
      var history =
          admin.getTicketHistory(
              GetTicketHistoryRequest.newBuilder().setTicketId(created.getId()).build());
      assertThat(history.getEntriesList())
          .filteredOn(e -> e.getKind() == TicketChangeKind.TICKET_CHANGE_KIND_SLA_BREACH)
          .hasSize(1);
      assertThat(admin.getQueueCounts(GetQueueCountsRequest.getDefaultInstance()).getSlaBreached())
          .isEqualTo(1);
    }
  }

  @Test
  void requestIdIsScopedToItsCallerWhoAloneGetsTheReplayInItsOwnView() {
    var t = TicketFixture.Tenant.create(users);
    var carl = as(t, t.customer(), Role.CUSTOMER);
    var cora = as(t, t.customer2(), Role.CUSTOMER);
    var agent = as(t, t.agent(), Role.AGENT);
    CreateTicketRequest r = ticket("Once only").toBuilder().setRequestId("req-1").build();
    Ticket created = carl.createTicket(r).getTicket();

    // the same caller gets its ticket back, in the customer view
    var replay = carl.createTicket(r);
    assertThat(replay.getReplayed()).isTrue();
    assertThat(replay.getTicket().getId()).isEqualTo(created.getId());
    assertThat(replay.getTicket().getAiStatus()).isEqualTo(AiStatus.AI_STATUS_UNSPECIFIED);

    // keys are per caller: anyone else reusing the key gets a ticket of their own and learns
    // nothing about the first (no probing, no squatting)
    var coras = cora.createTicket(r);
    assertThat(coras.getReplayed()).isFalse();
    assertThat(coras.getTicket().getId()).isNotEqualTo(created.getId());
    assertThat(cora.listTickets(ListTicketsRequest.getDefaultInstance()).getTicketsList())
        .extracting(Ticket::getId)
        .containsExactly(coras.getTicket().getId());
    assertThat(agent.listTickets(ListTicketsRequest.getDefaultInstance()).getTicketsList())
        .extracting(Ticket::getId)
        .containsExactlyInAnyOrder(created.getId(), coras.getTicket().getId());

    // comments: the author replays, someone else reusing the key adds a comment of their own
    AddCommentRequest note =
        AddCommentRequest.newBuilder()
            .setTicketId(created.getId())
            .setBody("internal only")
            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_INTERNAL)
            .setRequestId("c-1")
            .build();
    Comment first = agent.addComment(note).getComment();
    assertThat(agent.addComment(note).getComment().getId()).isEqualTo(first.getId());
    AddCommentRequest sameKey =
        note.toBuilder()
            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
            .setBody("hi")
            .build();
    Comment carls = carl.addComment(sameKey).getComment();
    assertThat(carls.getId()).isNotEqualTo(first.getId());
    assertThat(carls.getVisibility()).isEqualTo(CommentVisibility.COMMENT_VISIBILITY_PUBLIC);
    Ticket after =
        agent
            .getTicket(GetTicketRequest.newBuilder().setTicketId(created.getId()).build())
            .getTicket();
    assertThat(after.getCommentCount()).isEqualTo(2);
  }

  @Test
  void illegalTransitionWritesNothing() {
    var t = TicketFixture.Tenant.create(users);
    var agent = as(t, t.agent(), Role.AGENT);
    Ticket created = agent.createTicket(ticket("Stay new")).getTicket();
    long outboxBefore = outboxRows(t);
    assertThat(
            code(
                () ->
                    agent.updateTicket(
                        UpdateTicketRequest.newBuilder()
                            .setTicketId(created.getId())
                            .setExpectedVersion(1)
                            .setStatus(TicketStatus.TICKET_STATUS_CLOSED)
                            .setSubject("sneaky")
                            .build())))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    Ticket after =
        agent
            .getTicket(GetTicketRequest.newBuilder().setTicketId(created.getId()).build())
            .getTicket();
    assertThat(after.getVersion()).isEqualTo(1);
    assertThat(after.getSubject()).isEqualTo("Stay new");
    assertThat(
            agent
                .getTicketHistory(
                    GetTicketHistoryRequest.newBuilder().setTicketId(created.getId()).build())
                .getEntriesList())
        .extracting(TicketHistoryEntry::getKind)
        .containsExactly(TicketChangeKind.TICKET_CHANGE_KIND_CREATED);
    assertThat(outboxRows(t)).isEqualTo(outboxBefore);
  }

  @Test
  void listFiltersAndQueueCountsSplitMineAndUnassigned() {
    var t = TicketFixture.Tenant.create(users);
    var agent = as(t, t.agent(), Role.AGENT);
    Ticket carls =
        as(t, t.customer(), Role.CUSTOMER)
            .createTicket(
                ticket("carl urgent").toBuilder()
                    .setPriority(TicketPriority.TICKET_PRIORITY_URGENT)
                    .build())
            .getTicket();
    Ticket coras =
        as(t, t.customer2(), Role.CUSTOMER)
            .createTicket(
                ticket("cora low").toBuilder()
                    .setPriority(TicketPriority.TICKET_PRIORITY_LOW)
                    .build())
            .getTicket();
    Ticket mine =
        agent
            .createTicket(
                ticket("mine").toBuilder().setRequesterId(t.customer().toString()).build())
            .getTicket();
    mine =
        agent
            .assignTicket(
                AssignTicketRequest.newBuilder()
                    .setTicketId(mine.getId())
                    .setExpectedVersion(1)
                    .setAssigneeId(t.agent().toString())
                    .build())
            .getTicket();
    agent.updateTicket(
        UpdateTicketRequest.newBuilder()
            .setTicketId(mine.getId())
            .setExpectedVersion(mine.getVersion())
            .setStatus(TicketStatus.TICKET_STATUS_PENDING)
            .build());
    Ticket graces =
        agent
            .createTicket(
                ticket("grace's").toBuilder().setRequesterId(t.customer2().toString()).build())
            .getTicket();
    agent.assignTicket(
        AssignTicketRequest.newBuilder()
            .setTicketId(graces.getId())
            .setExpectedVersion(1)
            .setAssigneeId(t.agent2().toString())
            .build());

    assertThat(
            ids(
                agent,
                ListTicketsRequest.newBuilder().addStatuses(TicketStatus.TICKET_STATUS_PENDING)))
        .containsExactly(mine.getId());
    assertThat(
            ids(
                agent,
                ListTicketsRequest.newBuilder()
                    .addPriorities(TicketPriority.TICKET_PRIORITY_URGENT)
                    .addPriorities(TicketPriority.TICKET_PRIORITY_LOW)))
        .containsExactlyInAnyOrder(carls.getId(), coras.getId());
    assertThat(ids(agent, ListTicketsRequest.newBuilder().setAssigneeId(t.agent2().toString())))
        .containsExactly(graces.getId());
    assertThat(ids(agent, ListTicketsRequest.newBuilder().setUnassigned(true)))
        .containsExactlyInAnyOrder(carls.getId(), coras.getId());
    assertThat(ids(agent, ListTicketsRequest.newBuilder().setRequesterId(t.customer().toString())))
        .containsExactlyInAnyOrder(carls.getId(), mine.getId());

    var counts = agent.getQueueCounts(GetQueueCountsRequest.getDefaultInstance());
    assertThat(counts.getMine()).isEqualTo(1);
    assertThat(counts.getUnassigned()).isEqualTo(2);
    assertThat(counts.getPending()).isEqualTo(1);
    assertThat(
            as(t, t.agent2(), Role.AGENT)
                .getQueueCounts(GetQueueCountsRequest.getDefaultInstance())
                .getMine())
        .isEqualTo(1);
  }

  @Test
  void closedTicketIgnoresLateAiResults() {
    var t = TicketFixture.Tenant.create(users);
    var agent = as(t, t.agent(), Role.AGENT);
    var worker =
        server.stub(tokens.service(t.id(), UUID.randomUUID(), Set.of("suggestions.write")));
    for (boolean attach : List.of(true, false)) {
      Ticket created = agent.createTicket(ticket("done already")).getTicket();
      Ticket solved =
          agent
              .updateTicket(
                  UpdateTicketRequest.newBuilder()
                      .setTicketId(created.getId())
                      .setExpectedVersion(1)
                      .setStatus(TicketStatus.TICKET_STATUS_SOLVED)
                      .build())
              .getTicket();
      Ticket closed =
          agent
              .updateTicket(
                  UpdateTicketRequest.newBuilder()
                      .setTicketId(created.getId())
                      .setExpectedVersion(solved.getVersion())
                      .setStatus(TicketStatus.TICKET_STATUS_CLOSED)
                      .build())
              .getTicket();
      String job = jobOf(t, created.getId());
      if (attach) {
        assertThat(
                code(
                    () ->
                        worker.attachSuggestion(
                            AttachSuggestionRequest.newBuilder()
                                .setTicketId(created.getId())
                                .setJobId(job)
                                .setTicketVersion(1)
                                .setSentiment(
                                    Sentiment.newBuilder()
                                        .setLabel(SentimentLabel.SENTIMENT_LABEL_NEUTRAL))
                                .setCategory("billing")
                                .setSuggestedPriority(TicketPriority.TICKET_PRIORITY_NORMAL)
                                .setSummary("late")
                                .setDraftedReply("too late")
                                .setConfidence(0.5f)
                                .setDrafter("offline-bm25")
                                .build())))
            .isEqualTo(Status.Code.FAILED_PRECONDITION);
      } else {
        worker.markAiUnavailable(
            MarkAiUnavailableRequest.newBuilder()
                .setTicketId(created.getId())
                .setJobId(job)
                .setReason(AiUnavailableReason.AI_UNAVAILABLE_REASON_TIMEOUT)
                .build());
      }
      Ticket after =
          agent
              .getTicket(GetTicketRequest.newBuilder().setTicketId(created.getId()).build())
              .getTicket();
      assertThat(after.getVersion()).as("attach=%s", attach).isEqualTo(closed.getVersion());
      assertThat(after.getAiStatus()).isEqualTo(AiStatus.AI_STATUS_PENDING);
      assertThat(after.getLatestSuggestionId()).isEmpty();
    }
  }

  @Test
  void deadlinesMetLateOrWhilePendingAreRecordedAndStreamed() {
    var clock = new MutableClock(java.time.Instant.now());
    var config = TicketConfig.defaults().withSlaCheckInterval(Duration.ofHours(1));
    try (var slaServer = new TicketFixture(db, redis, tokens, users, clock, config)) {
      var t = TicketFixture.Tenant.create(users);
      var admin = slaServer.stub(tokens.user(t.id(), t.admin(), Role.ADMIN));
      admin.setSlaPolicy(
          SetSlaPolicyRequest.newBuilder()
              .addTargets(
                  SlaTarget.newBuilder()
                      .setPriority(TicketPriority.TICKET_PRIORITY_NORMAL)
                      .setFirstResponse(com.google.protobuf.Duration.newBuilder().setSeconds(3600))
                      .setResolution(com.google.protobuf.Duration.newBuilder().setSeconds(7200)))
              .build());
      var stream = slaServer.subscribe(tokens.user(t.id(), t.agent2(), Role.AGENT), 0L);
      Ticket lateReply =
          admin
              .createTicket(
                  ticket("late reply").toBuilder().setRequesterId(t.customer().toString()).build())
              .getTicket();
      Ticket pending =
          admin
              .createTicket(
                  ticket("pending").toBuilder().setRequesterId(t.customer().toString()).build())
              .getTicket();
      Ticket lateSolve =
          admin
              .createTicket(
                  ticket("late solve").toBuilder().setRequesterId(t.customer().toString()).build())
              .getTicket();
      admin.updateTicket(
          UpdateTicketRequest.newBuilder()
              .setTicketId(pending.getId())
              .setExpectedVersion(1)
              .setStatus(TicketStatus.TICKET_STATUS_PENDING)
              .build());
      Ticket answered = reply(admin, lateSolve);

      // when the first reply comes after the deadline, before any checker pass
      clock.advance(Duration.ofMinutes(61));
      Ticket replied = reply(admin, lateReply);
      assertThat(replied.getFirstResponseBreached()).isTrue();
      // and a pending ticket's first-response deadline passes unanswered
      slaServer.tickets.slaChecker().runOnce();
      // and a ticket is solved after its resolution deadline
      clock.advance(Duration.ofMinutes(60));
      Ticket solved =
          admin
              .updateTicket(
                  UpdateTicketRequest.newBuilder()
                      .setTicketId(lateSolve.getId())
                      .setExpectedVersion(answered.getVersion())
                      .setStatus(TicketStatus.TICKET_STATUS_SOLVED)
                      .build())
              .getTicket();
      assertThat(solved.getResolutionBreached()).isTrue();
      assertThat(solved.getFirstResponseBreached()).isFalse();

      // then each breach is in the history once and on the stream
      for (Ticket x : List.of(lateReply, pending, lateSolve)) {
        var history =
            admin.getTicketHistory(
                GetTicketHistoryRequest.newBuilder().setTicketId(x.getId()).build());
        assertThat(history.getEntriesList())
            .as(x.getSubject())
            .filteredOn(e -> e.getKind() == TicketChangeKind.TICKET_CHANGE_KIND_SLA_BREACH)
            .hasSize(1);
      }
      assertThat(
              admin
                  .getTicket(GetTicketRequest.newBuilder().setTicketId(pending.getId()).build())
                  .getTicket()
                  .getFirstResponseBreached())
          .isTrue();
      await().until(() -> stream.events.stream().filter(TicketEvent::hasSlaBreached).count() == 3);
      assertThat(
              stream.events.stream()
                  .filter(TicketEvent::hasSlaBreached)
                  .map(e -> e.getTicketId() + ":" + e.getSlaBreached().getMetric())
                  .toList())
          .containsExactlyInAnyOrder(
              lateReply.getId() + ":" + SlaMetric.SLA_METRIC_FIRST_RESPONSE,
              pending.getId() + ":" + SlaMetric.SLA_METRIC_FIRST_RESPONSE,
              lateSolve.getId() + ":" + SlaMetric.SLA_METRIC_RESOLUTION);
    }
  }

  private static Ticket reply(TicketServiceGrpc.TicketServiceBlockingStub staff, Ticket t) {
    return staff
        .addComment(
            AddCommentRequest.newBuilder()
                .setTicketId(t.getId())
                .setBody("On it")
                .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                .build())
        .getTicket();
  }

  private List<String> ids(
      TicketServiceGrpc.TicketServiceBlockingStub stub, ListTicketsRequest.Builder r) {
    return stub.listTickets(r.build()).getTicketsList().stream().map(Ticket::getId).toList();
  }

  private static long outboxRows(TicketFixture.Tenant t) {
    return new io.meshdesk.platform.db.Transactions(server.database.dataSource())
        .inTenant(
            t.id(),
            c -> {
              try (var rs =
                  c.createStatement().executeQuery("select count(*) from ticket.outbox")) {
                rs.next();
                return rs.getLong(1);
              }
            });
  }

  private static String jobOf(TicketFixture.Tenant t, String ticketId) {
    return new io.meshdesk.platform.db.Transactions(server.database.dataSource())
        .inTenant(
            t.id(),
            c -> {
              try (var ps =
                  c.prepareStatement("select id from ticket.ai_jobs where ticket_id = ?")) {
                ps.setObject(1, UUID.fromString(ticketId));
                try (var rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getString(1);
                }
              }
            });
  }

  private static AiJob parse(String b64) {
    try {
      return AiJob.parseFrom(Base64.getDecoder().decode(b64));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
