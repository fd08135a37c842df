package io.meshdesk.ticket.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.meshdesk.api.ticket.v1.AddCommentRequest;
import io.meshdesk.api.ticket.v1.AssignTicketRequest;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.CustomFieldMap;
import io.meshdesk.api.ticket.v1.GetQueueCountsResponse;
import io.meshdesk.api.ticket.v1.TagList;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ActorKind;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.QueueCounts;
import io.meshdesk.ticket.domain.SlaPolicy;
import io.meshdesk.ticket.domain.SlaTarget;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.service.AddComment;
import io.meshdesk.ticket.service.AssignTicket;
import io.meshdesk.ticket.service.CreateTicket;
import io.meshdesk.ticket.service.UpdateTicket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TicketMapperTest {

  static final String TICKET = "0b8d6c1e-5a0f-4d8e-9c3b-2f1e0d9c8b7a";

  @Test
  void createCarriesEveryFieldAndAnUnspecifiedPriorityIsNormal() {
    CreateTicketRequest r =
        CreateTicketRequest.newBuilder()
            .setRequestId("r-1")
            .setSubject("Card declined")
            .setBody("at the bakery")
            .setRequesterId("c-1")
            .setTeamId("t-1")
            .addTags("billing")
            .putCustomFields("order", "42")
            .setTransactionId("5b0e7c52-8f0a-4d5e-9a51-0c1d2e3f4a5b")
            .build();

    assertThat(TicketMapper.create(r))
        .isEqualTo(
            new CreateTicket(
                "r-1",
                "Card declined",
                "at the bakery",
                Priority.NORMAL,
                "c-1",
                "t-1",
                List.of("billing"),
                Map.of("order", "42"),
                "5b0e7c52-8f0a-4d5e-9a51-0c1d2e3f4a5b"));
    assertThat(
            TicketMapper.create(
                    r.toBuilder().setPriority(TicketPriority.TICKET_PRIORITY_URGENT).build())
                .priority())
        .isEqualTo(Priority.URGENT);
  }

  @Test
  void updateLeavesFieldsAbsentFromTheRequestEmpty() {
    UpdateTicket u =
        TicketMapper.update(
            UpdateTicketRequest.newBuilder().setTicketId(TICKET).setExpectedVersion(3).build());

    assertThat(u)
        .isEqualTo(
            new UpdateTicket(
                TICKET,
                3,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void updateCarriesFieldsPresentInTheRequestEvenWhenEmpty() {
    UpdateTicket u =
        TicketMapper.update(
            UpdateTicketRequest.newBuilder()
                .setTicketId(TICKET)
                .setExpectedVersion(3)
                .setStatus(TicketStatus.TICKET_STATUS_PENDING)
                .setPriority(TicketPriority.TICKET_PRIORITY_HIGH)
                .setSubject("New subject")
                .setTags(TagList.getDefaultInstance())
                .setCustomFields(CustomFieldMap.newBuilder().putValues("order", "43"))
                .setTeamId("")
                .build());

    assertThat(u.status()).contains(Status.PENDING);
    assertThat(u.priority()).contains(Priority.HIGH);
    assertThat(u.subject()).contains("New subject");
    assertThat(u.tags()).contains(List.of());
    assertThat(u.customFields()).contains(Map.of("order", "43"));
    assertThat(u.teamId()).as("an empty team id removes the team").contains("");
  }

  @Test
  void assignCarriesTheAssigneeOrEmptyToUnassign() {
    assertThat(
            TicketMapper.assign(
                AssignTicketRequest.newBuilder()
                    .setTicketId(TICKET)
                    .setExpectedVersion(2)
                    .setAssigneeId("")
                    .build()))
        .isEqualTo(new AssignTicket(TICKET, 2, ""));
  }

  @Test
  void onlyAnInternalCommentIsANote() {
    AddCommentRequest note =
        AddCommentRequest.newBuilder()
            .setTicketId(TICKET)
            .setBody("check the refund")
            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_INTERNAL)
            .setSuggestionId("s-1")
            .setRequestId("r-1")
            .build();

    assertThat(TicketMapper.addComment(note))
        .isEqualTo(new AddComment(TICKET, "check the refund", true, "s-1", "r-1"));
    assertThat(
            TicketMapper.addComment(
                    note.toBuilder()
                        .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                        .build())
                .internal())
        .isFalse();
  }

  @Test
  void policyCarriesItsAuthorTimeAndTargetsAndOneNeverSetHasNeither() {
    Instant at = Instant.parse("2026-03-01T08:00:00.123456Z");
    SlaPolicy set =
        new SlaPolicy(
            3,
            at,
            new Actor(ActorKind.USER, "u-ada", "Ada"),
            List.of(new SlaTarget(Priority.HIGH, Duration.ofHours(1), Duration.ofHours(8))));

    io.meshdesk.api.ticket.v1.SlaPolicy wire = TicketMapper.policy(set);

    assertThat(wire.getVersion()).isEqualTo(3);
    assertThat(ProtoTime.instant(wire.getUpdatedAt())).isEqualTo(at);
    assertThat(wire.getUpdatedBy().getKind())
        .isEqualTo(io.meshdesk.api.common.v1.ActorKind.ACTOR_KIND_USER);
    assertThat(wire.getUpdatedBy().getDisplayName()).isEqualTo("Ada");
    assertThat(wire.getTargets(0).getPriority()).isEqualTo(TicketPriority.TICKET_PRIORITY_HIGH);
    assertThat(wire.getTargets(0).getFirstResponse().getSeconds()).isEqualTo(3_600);
    assertThat(wire.getTargets(0).getResolution().getSeconds()).isEqualTo(28_800);
    assertThat(TicketMapper.targets(wire.getTargetsList())).isEqualTo(set.targets());
    assertThat(TicketMapper.policy(SlaPolicy.unset()))
        .isEqualTo(io.meshdesk.api.ticket.v1.SlaPolicy.getDefaultInstance());
  }

  @Test
  void countsListEveryPriorityInOrderEvenWithoutTicketsAndEveryTeam() {
    QueueCounts counts =
        new QueueCounts(
            17,
            1,
            2,
            3,
            4,
            5,
            Map.of(Priority.URGENT, 6L),
            List.of(new QueueCounts.TeamCount("t-1", "billing", 7, 8)),
            new QueueCounts.SuggestionStats(9, 10, 11, 12));

    GetQueueCountsResponse wire = TicketMapper.counts(counts);

    assertThat(
            List.of(
                wire.getAsOfSequence(),
                wire.getUnassigned(),
                wire.getMine(),
                wire.getSlaBreached(),
                wire.getNewTickets(),
                wire.getPending()))
        .containsExactly(17L, 1L, 2L, 3L, 4L, 5L);
    assertThat(wire.getOpenByPriorityList())
        .extracting(c -> c.getPriority(), c -> c.getCount())
        .containsExactly(
            tuple(TicketPriority.TICKET_PRIORITY_LOW, 0L),
            tuple(TicketPriority.TICKET_PRIORITY_NORMAL, 0L),
            tuple(TicketPriority.TICKET_PRIORITY_HIGH, 0L),
            tuple(TicketPriority.TICKET_PRIORITY_URGENT, 6L));
    assertThat(wire.getTeams(0).getTeamName()).isEqualTo("billing");
    assertThat(wire.getTeams(0).getUnassigned()).isEqualTo(8);
    assertThat(wire.getSuggestions().getDiscarded()).isEqualTo(12);
  }
}
