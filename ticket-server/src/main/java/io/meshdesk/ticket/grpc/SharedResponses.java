package io.meshdesk.ticket.grpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Serialises a broadcast event once, however many Subscribe streams send it. The event hub hands
 * the same {@link TicketEvent} instance to every stream that may see it unchanged, one stream after
 * the other on one thread; {@link #response} wraps it in one shared response whose bytes the
 * Subscribe marshaller then copies instead of encoding the message again per stream. Any other
 * response (a customer's view, an ephemeral event, a send from a readiness callback after another
 * event) simply misses the one-entry cache and is encoded as usual.
 */
final class SharedResponses {

  private record Entry(TicketEvent event, SubscribeResponse response, byte[] bytes) {}

  private volatile Entry last;

  /** The response carrying {@code event}: the shared one when the event was just wrapped. */
  SubscribeResponse response(TicketEvent event) {
    Entry e = last;
    if (e != null && e.event == event) {
      return e.response;
    }
    SubscribeResponse r = SubscribeResponse.newBuilder().setEvent(event).build();
    last = new Entry(event, r, r.toByteArray());
    return r;
  }

  /** The service definition with Subscribe's response marshaller reusing shared bytes. */
  ServerServiceDefinition bind(ServerServiceDefinition def) {
    String subscribe = TicketServiceGrpc.getSubscribeMethod().getFullMethodName();
    ServiceDescriptor sd = def.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(sd.getName()).setSchemaDescriptor(sd.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> m : def.getMethods()) {
      if (m.getMethodDescriptor().getFullMethodName().equals(subscribe)) {
        @SuppressWarnings("unchecked")
        ServerMethodDefinition<SubscribeRequest, SubscribeResponse> sm = (ServerMethodDefinition<SubscribeRequest, SubscribeResponse>) m;
        MethodDescriptor<SubscribeRequest, SubscribeResponse> md =
            sm.getMethodDescriptor().toBuilder().setResponseMarshaller(marshaller(sm.getMethodDescriptor().getResponseMarshaller())).build();
        m = ServerMethodDefinition.create(md, sm.getServerCallHandler());
      }
      methods.add(m);
      descriptor.addMethod(m.getMethodDescriptor());
    }
    ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(out::addMethod);
    return out.build();
  }

  private MethodDescriptor.Marshaller<SubscribeResponse> marshaller(MethodDescriptor.Marshaller<SubscribeResponse> base) {
    return new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(SubscribeResponse value) {
        Entry e = last;
        return e != null && e.response == value ? new Bytes(e.bytes) : base.stream(value);
      }

      @Override
      public SubscribeResponse parse(InputStream stream) {
        return base.parse(stream);
      }
    };
  }

  /** Already-encoded bytes with a known length, drained straight into gRPC's frame buffer. */
  private static final class Bytes extends ByteArrayInputStream implements KnownLength, Drainable {
    Bytes(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws java.io.IOException {
      int n = count - pos;
      target.write(buf, pos, n);
      pos = count;
      return n;
    }
  }
}
