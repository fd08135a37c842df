package io.meshdesk.cli.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import io.meshdesk.ai.knowledge.TicketEventDecoder;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.api.ticket.v1.TicketUpdated;
import io.meshdesk.ticket.persistence.RoutedEvent;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The AI worker reads the ticket server's event envelope with its own decoder (it must not depend
 * on ticket-server code); this test, in the module that sees both, keeps the two compatible.
 */
class TicketEventContractTest {

  @Test
  void workerDecoderReadsTheEnvelopeTheTicketServerPublishes() {
    UUID tenant = UUID.randomUUID();
    TicketEvent event =
        TicketEvent.newBuilder()
            .setSequence(42)
            .setTicketId(UUID.randomUUID().toString())
            .setTicketVersion(3)
            .setTicketUpdated(
                TicketUpdated.newBuilder()
                    .setTicket(
                        Ticket.newBuilder()
                            .setSubject("Refund — déjà vu")
                            .setStatus(TicketStatus.TICKET_STATUS_SOLVED))
                    .setChangedFields(FieldMask.newBuilder().addPaths("status")))
            .build();
    RoutedEvent envelope =
        new RoutedEvent(
            tenant,
            42,
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            "",
            "team-ü",
            "previous-team",
            true,
            7,
            event);

    var decoded = TicketEventDecoder.decode(envelope.toBytes());

    assertThat(decoded).isPresent();
    assertThat(decoded.get().tenant()).isEqualTo(tenant);
    assertThat(decoded.get().event()).isEqualTo(event);
  }
}
