package io.meshdesk.ticket;

import static io.meshdesk.ticket.TicketFixture.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.ticket.v1.AddCommentRequest;
import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.GetTicketHistoryRequest;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.ListCommentsRequest;
import io.meshdesk.api.ticket.v1.MergeTicketsRequest;
import io.meshdesk.api.ticket.v1.MergeTicketsResponse;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketHistoryEntry;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc.TicketServiceBlockingStub;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.domain.InMemoryUserDirectory;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MergeTickets through the gRPC service against real PostgreSQL and Redis. */
class MergeTicketsIT {

  static final TestTokens tokens = new TestTokens();
  static final InMemoryUserDirectory users = InMemoryUserDirectory.create();
  static TicketFixture server;

  @BeforeAll
  static void start() {
    server =
        new TicketFixture(
            TicketFixture.migratedDatabase("mergetickets"),
            TestEnvironment.get().newRedis("mergetickets"),
            tokens,
            users,
            Clock.systemUTC(),
            TicketConfig.defaults());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void mergeClosesAndLinksTheDuplicateKeepsHistoryAndNotifiesTheRequesterOnceEvenWhenRetried() {
    var t = TicketFixture.Tenant.create(users);
    var customer = as(t, t.customer(), Role.CUSTOMER);
    var agent = as(t, t.agent(), Role.AGENT);
    Ticket target = customer.createTicket(ticket("Card declined at the shop")).getTicket();
    Ticket duplicate = customer.createTicket(ticket("My card does not work")).getTicket();
    customer.addComment(
        AddCommentRequest.newBuilder()
            .setTicketId(duplicate.getId())
            .setBody("Still declined today.")
            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
            .build());
    var customerStream = server.subscribe(tokens.user(t.id(), t.customer(), Role.CUSTOMER), 0L);
    var agentStream = server.subscribe(tokens.user(t.id(), t.agent(), Role.AGENT), 0L);
    await().until(() -> customerStream.caughtUp != null && agentStream.caughtUp != null);

    MergeTicketsRequest merge = request(duplicate, target).setRequestId("merge-1").build();
    MergeTicketsResponse first = agent.mergeTickets(merge);
    MergeTicketsResponse retried = agent.mergeTickets(merge);

    assertThat(first.getReplayed()).isFalse();
    assertThat(first.getDuplicate().getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_CLOSED);
    assertThat(first.getNotification().getTicketId()).isEqualTo(target.getId());
    assertThat(first.getNotification().getBody())
        .contains("#" + duplicate.getNumber())
        .contains("#" + target.getNumber());
    assertThat(retried.getReplayed()).isTrue();
    assertThat(retried.getNotification()).isEqualTo(first.getNotification());
    assertThat(retried.getTarget().getVersion()).isEqualTo(first.getTarget().getVersion());
    // the requester sees exactly one notice on the surviving ticket
    assertThat(publicComments(customer, target))
        .extracting(Comment::getId)
        .containsExactly(first.getNotification().getId());
    // the duplicate keeps its conversation and gains the link in its history
    assertThat(publicComments(agent, duplicate))
        .extracting(Comment::getBody)
        .containsExactly("Still declined today.");
    assertThat(history(agent, duplicate))
        .anySatisfy(
            e -> {
              assertThat(e.getKind()).isEqualTo(TicketChangeKind.TICKET_CHANGE_KIND_MERGE);
              assertThat(e.getField()).isEqualTo("merged_into");
              assertThat(e.getNewValue()).isEqualTo(target.getId());
            })
        .anySatisfy(
            e -> {
              assertThat(e.getKind()).isEqualTo(TicketChangeKind.TICKET_CHANGE_KIND_STATUS);
              assertThat(e.getNewValue()).isEqualTo("TICKET_STATUS_CLOSED");
            });
    assertThat(history(agent, target))
        .anySatisfy(
            e -> {
              assertThat(e.getKind()).isEqualTo(TicketChangeKind.TICKET_CHANGE_KIND_MERGE);
              assertThat(e.getField()).isEqualTo("merged_from");
              assertThat(e.getNewValue()).isEqualTo(duplicate.getId());
            });
    // streams: the duplicate leaves the queues, the notice reaches the requester once
    Ticket marker = customer.createTicket(ticket("A later ticket")).getTicket();
    await().until(() -> sees(customerStream, marker) && sees(agentStream, marker));
    assertThat(customerStream.events)
        .filteredOn(e -> e.hasCommentAdded() && e.getTicketId().equals(target.getId()))
        .hasSize(1);
    assertThat(agentStream.events)
        .filteredOn(e -> e.hasTicketUpdated() && e.getTicketId().equals(duplicate.getId()))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getTicketUpdated().getTicket().getStatus())
                    .isEqualTo(TicketStatus.TICKET_STATUS_CLOSED));
    // the link stands: the duplicate cannot be merged again
    assertThatThrownBy(() -> agent.mergeTickets(request(duplicate, target).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(e.getStatus().getDescription()).contains("duplicate_ticket_id");
            });
  }

  @Test
  void refusedMergesNameTheFieldAndWriteNothing() {
    var t = TicketFixture.Tenant.create(users);
    var other = TicketFixture.Tenant.create(users);
    var customer = as(t, t.customer(), Role.CUSTOMER);
    var agent = as(t, t.agent(), Role.AGENT);
    Ticket mine = customer.createTicket(ticket("Statement missing")).getTicket();
    Ticket mineToo = customer.createTicket(ticket("No statement this month")).getTicket();
    Ticket someoneElses =
        as(t, t.customer2(), Role.CUSTOMER).createTicket(ticket("Statement missing")).getTicket();
    Ticket otherTenants =
        as(other, other.customer(), Role.CUSTOMER).createTicket(ticket("Statement")).getTicket();
    Ticket closed = customer.createTicket(ticket("Old question")).getTicket();
    closed = setStatus(agent, closed, TicketStatus.TICKET_STATUS_SOLVED);
    closed = setStatus(agent, closed, TicketStatus.TICKET_STATUS_CLOSED);
    List<Ticket> involved = List.of(mine, mineToo, someoneElses, closed);
    List<Integer> historyBefore = involved.stream().map(x -> history(agent, x).size()).toList();

    assertRefused(agent, request(mine, mine), Status.Code.INVALID_ARGUMENT, "target_ticket_id");
    assertRefused(
        agent, request(mine, someoneElses), Status.Code.FAILED_PRECONDITION, "target_ticket_id");
    assertRefused(
        agent, request(mine, closed), Status.Code.FAILED_PRECONDITION, "target_ticket_id");
    assertRefused(
        agent, request(closed, mine), Status.Code.FAILED_PRECONDITION, "duplicate_ticket_id");
    assertRefused(agent, request(mine, otherTenants), Status.Code.NOT_FOUND, "target_ticket_id");
    assertRefused(customer, request(mineToo, mine), Status.Code.PERMISSION_DENIED, "");

    for (int i = 0; i < involved.size(); i++) {
      Ticket now = agent.getTicket(get(involved.get(i))).getTicket();
      assertThat(now.getVersion()).isEqualTo(involved.get(i).getVersion());
      assertThat(history(agent, now)).hasSize(historyBefore.get(i));
    }
    assertThat(publicComments(agent, mine)).isEmpty();
    // and the pair that was refused only for its caller still merges
    assertThat(agent.mergeTickets(request(mineToo, mine).build()).getReplayed()).isFalse();
  }

  private static TicketServiceBlockingStub as(TicketFixture.Tenant t, java.util.UUID u, Role r) {
    return server.stub(tokens.user(t.id(), u, r));
  }

  private static MergeTicketsRequest.Builder request(Ticket duplicate, Ticket target) {
    return MergeTicketsRequest.newBuilder()
        .setDuplicateTicketId(duplicate.getId())
        .setTargetTicketId(target.getId());
  }

  private static void assertRefused(
      TicketServiceBlockingStub as, MergeTicketsRequest.Builder r, Status.Code code, String field) {
    assertThatThrownBy(() -> as.mergeTickets(r.build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).contains(field);
            });
  }

  private static GetTicketRequest get(Ticket t) {
    return GetTicketRequest.newBuilder().setTicketId(t.getId()).build();
  }

  private static Ticket setStatus(TicketServiceBlockingStub agent, Ticket t, TicketStatus status) {
    return agent
        .updateTicket(
            UpdateTicketRequest.newBuilder()
                .setTicketId(t.getId())
                .setExpectedVersion(t.getVersion())
                .setStatus(status)
                .build())
        .getTicket();
  }

  private static List<Comment> publicComments(TicketServiceBlockingStub as, Ticket t) {
    return as.listComments(
            ListCommentsRequest.newBuilder()
                .setTicketId(t.getId())
                .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                .setPage(PageRequest.newBuilder().setPageSize(100))
                .build())
        .getCommentsList();
  }

  private static List<TicketHistoryEntry> history(TicketServiceBlockingStub agent, Ticket t) {
    return agent
        .getTicketHistory(
            GetTicketHistoryRequest.newBuilder()
                .setTicketId(t.getId())
                .setPage(PageRequest.newBuilder().setPageSize(100))
                .build())
        .getEntriesList();
  }

  private static boolean sees(TicketFixture.Collector stream, Ticket t) {
    return stream.events.stream()
        .anyMatch((TicketEvent e) -> e.hasTicketCreated() && e.getTicketId().equals(t.getId()));
  }
}
