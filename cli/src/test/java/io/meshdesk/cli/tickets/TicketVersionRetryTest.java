package io.meshdesk.cli.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.GetTicketResponse;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.api.ticket.v1.UpdateTicketResponse;
import io.meshdesk.testing.InProcessGrpc;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change made without {@code --expected-version} survives a concurrent change landing between its
 * read and its write; a change at a given version reports the conflict.
 */
class TicketVersionRetryTest {

  /** A ticket service whose ticket moves on by {@code movesAfterRead} versions after each read. */
  private static final class MovingTicket extends TicketServiceGrpc.TicketServiceImplBase {
    final AtomicLong version = new AtomicLong(2);
    final AtomicInteger movesLeft = new AtomicInteger();
    final AtomicInteger updates = new AtomicInteger();

    @Override
    public void getTicket(GetTicketRequest req, StreamObserver<GetTicketResponse> out) {
      long v = version.get();
      if (movesLeft.getAndDecrement() > 0) {
        version.incrementAndGet();
      }
      out.onNext(
          GetTicketResponse.newBuilder()
              .setTicket(Ticket.newBuilder().setId(req.getTicketId()).setVersion(v))
              .build());
      out.onCompleted();
    }

    @Override
    public void updateTicket(UpdateTicketRequest req, StreamObserver<UpdateTicketResponse> out) {
      updates.incrementAndGet();
      if (req.getExpectedVersion() != version.get()) {
        out.onError(Status.ABORTED.withDescription("ticket changed").asRuntimeException());
        return;
      }
      long v = version.incrementAndGet();
      out.onNext(
          UpdateTicketResponse.newBuilder()
              .setTicket(Ticket.newBuilder().setId(req.getTicketId()).setVersion(v))
              .build());
      out.onCompleted();
    }
  }

  private static final String ID = "6f1c2b1e-9d4a-4c4e-8f0a-2b7d5e3c1a90";

  private final MovingTicket service = new MovingTicket();
  private InProcessGrpc grpc;
  private TicketServiceGrpc.TicketServiceBlockingStub stub;

  @BeforeEach
  void start() {
    grpc = InProcessGrpc.start(List.of(service), List.of());
    stub = TicketServiceGrpc.newBlockingStub(grpc.channel());
  }

  @AfterEach
  void stop() {
    grpc.close();
  }

  private UpdateTicketResponse update(Long given) {
    return TicketSet.atVersion(
        stub,
        ID,
        given,
        v ->
            stub.updateTicket(
                UpdateTicketRequest.newBuilder().setTicketId(ID).setExpectedVersion(v).build()));
  }

  @Test
  void without_a_version_a_concurrent_change_is_retried_on_the_fresh_version() {
    service.movesLeft.set(2);

    assertThat(update(null).getTicket().getVersion()).isEqualTo(5);
    assertThat(service.updates).hasValue(3);
  }

  @Test
  void a_given_version_reports_its_conflict_without_retrying() {
    assertThatThrownBy(() -> update(1L))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("ABORTED");
    assertThat(service.updates).hasValue(1);
  }

  @Test
  void a_ticket_that_never_stops_moving_fails_after_the_last_attempt() {
    service.movesLeft.set(Integer.MAX_VALUE);

    assertThatThrownBy(() -> update(null)).hasMessageContaining("ABORTED");
    assertThat(service.updates).hasValue(TicketSet.ATTEMPTS);
  }
}
