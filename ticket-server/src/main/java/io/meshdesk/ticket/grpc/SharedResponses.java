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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialises a broadcast event once, however many Subscribe streams send it. The event hub hands
 * the same {@link TicketEvent} instance to every stream that may see it unchanged; {@link
 * #response} wraps it in one shared response whose bytes the Subscribe marshaller then copies
 * instead of encoding the message again per stream. Streams send from several threads (the hub's
 * delivery and each stream's readiness callback, draining what waited), so the last {@value
 * #CAPACITY} events are remembered, not only the latest. Any other response (a customer's view, an
 * ephemeral event) misses the cache and is encoded as usual.
 */
final class SharedResponses {

  /** Events remembered: more than a slow stream's buffer holds, few enough to stay small. */
  static final int CAPACITY = 1024;

  private record Encoded(SubscribeResponse response, byte[] bytes) {}

  // Keys are the hub's event instances: a hit compares by reference (TicketEvent.equals checks
  // identity first and its hash code is memoised), so lookups stay cheap.
  private final Map<TicketEvent, Encoded> recent =
      new LinkedHashMap<>(CAPACITY * 2) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TicketEvent, Encoded> eldest) {
          return size() > CAPACITY;
        }
      };

  /** The response carrying {@code event}: the shared one when the event was wrapped before. */
  SubscribeResponse response(TicketEvent event) {
    synchronized (recent) {
      Encoded e = recent.get(event);
      if (e != null && e.response.getEvent() == event) {
        return e.response;
      }
    }
    SubscribeResponse r = SubscribeResponse.newBuilder().setEvent(event).build();
    Encoded e = new Encoded(r, r.toByteArray());
    synchronized (recent) {
      Encoded raced = recent.putIfAbsent(event, e);
      return raced != null && raced.response.getEvent() == event ? raced.response : r;
    }
  }

  /** The encoded bytes of a response {@link #response} handed out, or null for any other one. */
  byte[] bytesOf(SubscribeResponse value) {
    synchronized (recent) {
      Encoded e = recent.get(value.getEvent());
      return e != null && e.response == value ? e.bytes : null;
    }
  }

  /** The service definition with Subscribe's response marshaller reusing shared bytes. */
  ServerServiceDefinition bind(ServerServiceDefinition def) {
    String subscribe = TicketServiceGrpc.getSubscribeMethod().getFullMethodName();
    ServiceDescriptor sd = def.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(sd.getName()).setSchemaDescriptor(sd.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> m : def.getMethods()) {
      if (m.getMethodDescriptor().getFullMethodName().equals(subscribe)) {
        @SuppressWarnings("unchecked")
        ServerMethodDefinition<SubscribeRequest, SubscribeResponse> sm =
            (ServerMethodDefinition<SubscribeRequest, SubscribeResponse>) m;
        MethodDescriptor<SubscribeRequest, SubscribeResponse> md =
            sm.getMethodDescriptor().toBuilder()
                .setResponseMarshaller(marshaller(sm.getMethodDescriptor().getResponseMarshaller()))
                .build();
        m = ServerMethodDefinition.create(md, sm.getServerCallHandler());
      }
      methods.add(m);
      descriptor.addMethod(m.getMethodDescriptor());
    }
    ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(out::addMethod);
    return out.build();
  }

  private MethodDescriptor.Marshaller<SubscribeResponse> marshaller(
      MethodDescriptor.Marshaller<SubscribeResponse> base) {
    return new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(SubscribeResponse value) {
        byte[] bytes = bytesOf(value);
        return bytes != null ? new Bytes(bytes) : base.stream(value);
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
