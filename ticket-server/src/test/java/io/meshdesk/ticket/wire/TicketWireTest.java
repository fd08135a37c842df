package io.meshdesk.ticket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.SentimentLabel;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ActorKind;
import io.meshdesk.ticket.domain.AiStatus;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.Sentiment;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketComment;
import io.meshdesk.ticket.domain.TicketRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TicketWireTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

  /** A ticket with every field set to something other than its default. */
  static TicketRecord everyFieldSet() {
    return new TicketRecord(
        "0b8d6c1e-5a0f-4d8e-9c3b-2f1e0d9c8b7a",
        42,
        "Card declined",
        "at the bakery",
        Status.PENDING,
        Priority.HIGH,
        "c1",
        "a1",
        "t1",
        List.of("billing", "card"),
        Map.of("order", "42", "shop", "bakery"),
        7,
        T0,
        T0.plusSeconds(1),
        T0.plusSeconds(2),
        T0.plusSeconds(3),
        T0.plusSeconds(4),
        T0.plusSeconds(5),
        T0.plusSeconds(6),
        true,
        true,
        AiStatus.READY,
        "customer cannot pay",
        "billing",
        Sentiment.NEGATIVE,
        "s1",
        5,
        3,
        60_000L,
        "7c9e6679-7425-40de-944b-e07fc1f90ae7");
  }

  @Test
  void ticketMapsEveryFieldOfTheContract() {
    Ticket t = TicketWire.ticket(everyFieldSet());

    // a field the mapping forgets stays at its default, and proto3 leaves defaults out
    assertThat(t.getAllFields().keySet())
        .extracting(FieldDescriptor::getName)
        .containsExactlyInAnyOrderElementsOf(
            Ticket.getDescriptor().getFields().stream().map(FieldDescriptor::getName).toList());
    assertThat(t.getId()).isEqualTo("0b8d6c1e-5a0f-4d8e-9c3b-2f1e0d9c8b7a");
    assertThat(t.getNumber()).isEqualTo(42);
    assertThat(t.getSubject()).isEqualTo("Card declined");
    assertThat(t.getBody()).isEqualTo("at the bakery");
    assertThat(t.getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_PENDING);
    assertThat(t.getPriority()).isEqualTo(TicketPriority.TICKET_PRIORITY_HIGH);
    assertThat(List.of(t.getRequesterId(), t.getAssigneeId(), t.getTeamId()))
        .containsExactly("c1", "a1", "t1");
    assertThat(t.getTagsList()).containsExactly("billing", "card");
    assertThat(t.getCustomFieldsMap()).isEqualTo(Map.of("order", "42", "shop", "bakery"));
    assertThat(t.getVersion()).isEqualTo(7);
    assertThat(
            List.of(
                t.getCreatedAt(),
                t.getUpdatedAt(),
                t.getFirstResponseDueAt(),
                t.getResolutionDueAt(),
                t.getFirstRespondedAt(),
                t.getSolvedAt(),
                t.getClosedAt()))
        .extracting(ProtoTime::instant)
        .containsExactly(
            T0,
            T0.plusSeconds(1),
            T0.plusSeconds(2),
            T0.plusSeconds(3),
            T0.plusSeconds(4),
            T0.plusSeconds(5),
            T0.plusSeconds(6));
    assertThat(t.getFirstResponseBreached()).isTrue();
    assertThat(t.getResolutionBreached()).isTrue();
    assertThat(t.getAiStatusValue()).isEqualTo(AiStatus.READY.number());
    assertThat(t.getAiSummary()).isEqualTo("customer cannot pay");
    assertThat(t.getAiCategory()).isEqualTo("billing");
    assertThat(t.getAiSentiment()).isEqualTo(SentimentLabel.SENTIMENT_LABEL_NEGATIVE);
    assertThat(t.getLatestSuggestionId()).isEqualTo("s1");
    assertThat(t.getCommentCount()).isEqualTo(5);
  }

  @Test
  void unreachedTimesStayUnset() {
    TicketRecord open = everyFieldSet();
    TicketRecord fresh =
        new TicketRecord(
            open.id(),
            0,
            "s",
            "b",
            Status.NEW,
            Priority.LOW,
            "c1",
            "",
            "",
            List.of(),
            Map.of(),
            1,
            T0,
            T0,
            null,
            null,
            null,
            null,
            null,
            false,
            false,
            AiStatus.PENDING,
            "",
            "",
            Sentiment.UNSPECIFIED,
            "",
            0,
            0,
            null,
            "");

    Ticket t = TicketWire.ticket(fresh);

    assertThat(t.hasFirstResponseDueAt()).isFalse();
    assertThat(t.hasResolutionDueAt()).isFalse();
    assertThat(t.hasFirstRespondedAt()).isFalse();
    assertThat(t.hasSolvedAt()).isFalse();
    assertThat(t.hasClosedAt()).isFalse();
  }

  @Test
  void customersSeeNoAiFieldsAndOnlyPublicComments() {
    Ticket staff = TicketWire.ticket(everyFieldSet());
    Ticket customer = TicketWire.ticket(everyFieldSet().customerView());

    assertThat(customer.getAiStatusValue()).isZero();
    assertThat(customer.getAiSummary()).isEmpty();
    assertThat(customer.getAiCategory()).isEmpty();
    assertThat(customer.getAiSentimentValue()).isZero();
    assertThat(customer.getLatestSuggestionId()).isEmpty();
    assertThat(customer.getCommentCount()).isEqualTo(3);
    // the event path strips a staff view the same way
    assertThat(TicketWire.customerView(staff, 3)).isEqualTo(customer);
  }

  @Test
  void commentMapsEveryFieldOfTheContract() {
    Comment c =
        TicketWire.comment(
            new TicketComment(
                "m1", "t1", new Actor(ActorKind.USER, "u1", "Ada"), "hello", true, "s1", T0));

    assertThat(c.getAllFields().keySet())
        .extracting(FieldDescriptor::getName)
        .containsExactlyInAnyOrderElementsOf(
            Comment.getDescriptor().getFields().stream().map(FieldDescriptor::getName).toList());
    assertThat(c.getVisibility()).isEqualTo(CommentVisibility.COMMENT_VISIBILITY_INTERNAL);
    assertThat(c.getAuthor().getDisplayName()).isEqualTo("Ada");
    assertThat(ProtoTime.instant(c.getCreatedAt())).isEqualTo(T0);
  }
}
