package io.meshdesk.cli.tickets;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.StatusReason;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl tickets watch}: a live tail of the tenant's ticket events (Subscribe). Prints
 * "live" once the server says the stream caught up; after a broken connection, an expired token or
 * revoked access it reconnects with a fresh token and resumes after the last sequence printed, so
 * nothing is lost or printed twice.
 */
@Command(
    name = "watch",
    description =
        "Tail ticket events live; prints `live` once caught up, resumes after reconnects.")
@Rpc("meshdesk.ticket.v1.TicketService/Subscribe")
public final class TicketsWatchCommand implements Callable<Integer> {

  /** Server reasons after which a fresh token is fetched and the stream resumes. */
  private static final Set<String> RESUMABLE = Set.of("TOKEN_EXPIRED", "ACCESS_REVOKED");

  @Mixin ClientOptions client;

  @Option(
      names = "--after",
      description = "Replay events after this sequence first (default: live events only).")
  Long after;

  @Option(
      names = "--once",
      description = "Stop as soon as the stream is live (print what was missed, then exit).")
  boolean once;

  @Override
  public Integer call() throws InterruptedException {
    PrintStream out = System.out;
    Long last = after;
    int failures = 0;
    out.println("connecting");
    while (true) {
      ManagedChannel channel = client.channel(); // a new channel reads the (refreshed) token again
      boolean live = false;
      try {
        SubscribeRequest.Builder r = SubscribeRequest.newBuilder();
        if (last != null) {
          r.setAfterSequence(last);
        }
        Iterator<SubscribeResponse> it =
            TicketServiceGrpc.newBlockingStub(channel).subscribe(r.build());
        while (it.hasNext()) {
          TicketEvent e = it.next().getEvent();
          switch (e.getPayloadCase()) {
            case CAUGHT_UP -> {
              live = true;
              failures = 0;
              last = e.getSequence();
              out.println("live (caught up at sequence " + e.getSequence() + ")");
              if (once) {
                return 0;
              }
            }
            case HEARTBEAT -> {}
            case RESYNC -> {
              last = e.getResync().getResumeAfterSequence();
              out.println("resync (" + e.getResync().getReason() + "): resuming after " + last);
            }
            default -> {
              last = e.getSequence();
              out.println(EventLine.of(e));
            }
          }
        }
      } catch (StatusRuntimeException e) {
        boolean resumable =
            e.getStatus().getCode() == Status.Code.UNAVAILABLE
                || (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED
                    && RESUMABLE.contains(StatusReason.of(e)));
        // A stream that never got live twice in a row will not get better by retrying.
        if (!resumable || (!live && ++failures > 5)) {
          throw e;
        }
        out.println("reconnecting: " + e.getStatus().getDescription());
        TimeUnit.MILLISECONDS.sleep(live ? 0 : 250L << Math.min(failures, 5));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
