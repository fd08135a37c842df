package io.meshdesk.ticket.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketQuery;
import io.meshdesk.ticket.domain.TicketQuery.Order;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.domain.TicketState;
import io.meshdesk.ticket.domain.TicketStateTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketListCursorTest {

  static final TicketRecord TICKET =
      ticket(Instant.parse("2026-03-01T10:00:00.123456Z"), Instant.parse("2026-03-03T09:00:00Z"));

  /** A ticket with a list's sort keys set: a UUID id, a creation time to the microsecond. */
  static TicketRecord ticket(Instant createdAt, Instant resolutionDue) {
    TicketState s = new TicketState(TicketStateTest.ticket(Status.OPEN));
    s.id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    s.createdAt = createdAt;
    s.resolutionDueAt = resolutionDue;
    return s.record();
  }

  static TicketQuery query(Order order, String tag) {
    return new TicketQuery(
        List.of(Status.OPEN), List.of(), "", false, "", tag, "", "", order, 10, "");
  }

  @Test
  void aTokenContinuesAfterTheLastRowByTheSortKeyOfItsOrder() {
    var byCreation = new TicketListCursor(query(Order.CREATED_AT_DESC, ""), null);
    var byUpdate = new TicketListCursor(query(Order.UPDATED_AT_DESC, ""), null);
    var byDeadline = new TicketListCursor(query(Order.RESOLUTION_DUE_ASC, ""), null);

    assertThat(byCreation.read(byCreation.after(TICKET)))
        .isEqualTo(
            new TicketListCursor.Position(3, TICKET.createdAt(), UUID.fromString(TICKET.id())));
    assertThat(byUpdate.read(byUpdate.after(TICKET)).key()).isEqualTo(TICKET.updatedAt());
    assertThat(byDeadline.read(byDeadline.after(TICKET)).key()).isEqualTo(TICKET.resolutionDueAt());
  }

  @Test
  void ticketsWithoutAResolutionDeadlineSortLast() {
    var byDeadline = new TicketListCursor(query(Order.RESOLUTION_DUE_ASC, ""), null);

    assertThat(byDeadline.read(byDeadline.after(ticket(TICKET.createdAt(), null))).key())
        .isEqualTo(TicketListCursor.NO_DEADLINE);
  }

  @Test
  void aTokenOfAnotherOrderFilterOrRequesterIsRefusedNamingThePageToken() {
    String token =
        new TicketListCursor(query(Order.CREATED_AT_DESC, "billing"), null).after(TICKET);

    for (TicketListCursor other :
        List.of(
            new TicketListCursor(query(Order.CREATED_AT_ASC, "billing"), null),
            new TicketListCursor(query(Order.CREATED_AT_DESC, "refund"), null),
            new TicketListCursor(query(Order.CREATED_AT_DESC, "billing"), UUID.randomUUID()))) {
      assertThatThrownBy(() -> other.read(token))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("page.page_token");
    }
  }

  @Test
  void aMangledTokenIsRefusedNamingThePageToken() {
    var cursor = new TicketListCursor(query(Order.CREATED_AT_DESC, ""), null);
    String[] parts = decode(cursor.after(TICKET)).split("\\|");
    String notANumber =
        encode(String.join("|", parts[0], parts[1], parts[2], parts[3], "soon", parts[5]));
    String notAnId =
        encode(String.join("|", parts[0], parts[1], parts[2], parts[3], parts[4], "t1"));

    for (String mangled : List.of("%%%", encode("not a token"), notANumber, notAnId)) {
      assertThatThrownBy(() -> cursor.read(mangled))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("page.page_token");
    }
  }

  static String decode(String token) {
    return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
  }

  static String encode(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }
}
