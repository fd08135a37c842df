package io.meshdesk.cli.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What the broadcast benchmark needs of a Subscribe response, read straight from its bytes: the
 * event's time and whether it is a TicketCreated or a Resync. A thousand receivers in the same JVM
 * as the server would otherwise spend a large part of the CPU building full messages they throw
 * away, and the benchmark would measure its own decoding.
 *
 * @param sequence TicketEvent.sequence (per tenant)
 * @param occurredAtNanos TicketEvent.occurred_at in nanoseconds since the epoch
 */
record EventProbe(long sequence, long occurredAtNanos, boolean created, boolean resync) {

  // Field numbers in meshdesk.ticket.v1 (ticket.proto).
  private static final int RESPONSE_EVENT = 1;
  private static final int EVENT_SEQUENCE = 1;
  private static final int EVENT_OCCURRED_AT = 2;
  private static final int EVENT_TICKET_CREATED = 10;
  private static final int EVENT_RESYNC = 18;

  /** Subscribe with this probe as the response type (requests are encoded as usual). */
  static MethodDescriptor<SubscribeRequest, EventProbe> subscribeMethod() {
    return TicketServiceGrpc.getSubscribeMethod().toBuilder(
            TicketServiceGrpc.getSubscribeMethod().getRequestMarshaller(),
            new MethodDescriptor.Marshaller<EventProbe>() {
              @Override
              public InputStream stream(EventProbe value) {
                throw new UnsupportedOperationException("responses are only read");
              }

              @Override
              public EventProbe parse(InputStream stream) {
                return read(stream);
              }
            })
        .build();
  }

  static EventProbe read(InputStream stream) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(stream);
      long at = 0;
      long sequence = 0;
      boolean created = false;
      boolean resync = false;
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (WireFormat.getTagFieldNumber(tag) != RESPONSE_EVENT) {
          in.skipField(tag);
          continue;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while ((tag = in.readTag()) != 0) {
          switch (WireFormat.getTagFieldNumber(tag)) {
            case EVENT_SEQUENCE -> sequence = in.readInt64();
            case EVENT_OCCURRED_AT -> at = timestamp(in);
            case EVENT_TICKET_CREATED -> {
              created = true;
              in.skipField(tag);
            }
            case EVENT_RESYNC -> {
              resync = true;
              in.skipField(tag);
            }
            default -> in.skipField(tag);
          }
        }
        in.popLimit(limit);
      }
      return new EventProbe(sequence, at, created, resync);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** google.protobuf.Timestamp (seconds = 1, nanos = 2) as epoch nanoseconds. */
  private static long timestamp(CodedInputStream in) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    long seconds = 0;
    int nanos = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> seconds = in.readInt64();
        case 2 -> nanos = in.readInt32();
        default -> in.skipField(tag);
      }
    }
    in.popLimit(limit);
    return seconds * 1_000_000_000L + nanos;
  }
}
