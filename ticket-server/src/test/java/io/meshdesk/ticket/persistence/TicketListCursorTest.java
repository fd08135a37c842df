package io.meshdesk.ticket.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.ticket.domain.AiStatus;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.Sentiment;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketQuery;
import io.meshdesk.ticket.domain.TicketQuery.Order;
import io.meshdesk.ticket.domain.TicketRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketListCursorTest {

  static final Instant CREATED = Instant.parse("2026-03-01T10:00:00.123456Z");
  static final Instant UPDATED = Instant.parse("2026-03-02T11:30:00.654321Z");
  static final Instant DUE = Instant.parse("2026-03-03T09:00:00Z");
  static final String ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  static TicketQuery query(Order order, String tag) {
    return new TicketQuery(
        List.of(Status.OPEN), List.of(), "", false, "", tag, "", "", order, 10, "");
  }

  static TicketRecord ticket(Instant resolutionDue) {
    return new TicketRecord(
        ID,
        4,
        "s",
        "b",
        Status.OPEN,
        Priority.HIGH,
        "",
        "",
        "",
        List.of(),
        Map.of(),
        1,
        CREATED,
        UPDATED,
        null,
        resolutionDue,
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
  }

  @Test
  void aTokenContinuesAfterTheLastRowByTheSortKeyOfItsOrder() {
    var byCreation = new TicketListCursor(query(Order.CREATED_AT_DESC, ""), null);
    var byUpdate = new TicketListCursor(query(Order.UPDATED_AT_DESC, ""), null);
    var byDeadline = new TicketListCursor(query(Order.RESOLUTION_DUE_ASC, ""), null);

    assertThat(byCreation.read(byCreation.after(ticket(DUE))))
        .isEqualTo(new TicketListCursor.Position(3, CREATED, UUID.fromString(ID)));
    assertThat(byUpdate.read(byUpdate.after(ticket(DUE))).key()).isEqualTo(UPDATED);
    assertThat(byDeadline.read(byDeadline.after(ticket(DUE))).key()).isEqualTo(DUE);
  }

  @Test
  void ticketsWithoutAResolutionDeadlineSortLast() {
    var byDeadline = new TicketListCursor(query(Order.RESOLUTION_DUE_ASC, ""), null);

    assertThat(byDeadline.read(byDeadline.after(ticket(null))).key())
        .isEqualTo(TicketListCursor.NO_DEADLINE);
  }

  @Test
  void aTokenOfAnotherOrderFilterOrRequesterIsRefusedNamingThePageToken() {
    String token =
        new TicketListCursor(query(Order.CREATED_AT_DESC, "billing"), null).after(ticket(DUE));

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
    String[] parts = decode(cursor.after(ticket(DUE))).split("\\|");
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
