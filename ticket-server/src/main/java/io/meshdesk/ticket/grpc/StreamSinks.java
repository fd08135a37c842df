package io.meshdesk.ticket.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.grpc.StatusMapper;
import io.meshdesk.ticket.events.StreamSink;

/**
 * Adapts a Subscribe response stream to {@link StreamSink} (events wrapped through {@link
 * SharedResponses}).
 */
final class StreamSinks {

  private StreamSinks() {}

  static StreamSink of(
      ServerCallStreamObserver<SubscribeResponse> observer, SharedResponses shared) {
    return new StreamSink() {
      @Override
      public boolean isReady() {
        return observer.isReady();
      }

      @Override
      public void send(TicketEvent event) {
        observer.onNext(shared.response(event));
      }

      @Override
      public void heartbeat(TicketEvent heartbeat) {
        observer.onNext(SubscribeResponse.newBuilder().setEvent(heartbeat).build());
      }

      @Override
      public void resync(TicketEvent resync) {
        try {
          observer.onNext(SubscribeResponse.newBuilder().setEvent(resync).build());
          observer.onCompleted();
        } catch (RuntimeException e) {
          // already cancelled
        }
      }

      @Override
      public void fail(RuntimeException error) {
        try {
          observer.onError(StatusMapper.toStatus(error));
        } catch (RuntimeException e) {
          // already cancelled
        }
      }
    };
  }
}
