package io.meshdesk.platform;

import io.grpc.stub.StreamObserver;
import io.meshdesk.platform.errors.ConflictException;
import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.testing.echo.v1.EchoRequest;
import io.meshdesk.testing.echo.v1.EchoResponse;
import io.meshdesk.testing.echo.v1.EchoServiceGrpc;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Test service: echoes, waits, or fails on request, and counts the calls that reached it. */
final class EchoServiceImpl extends EchoServiceGrpc.EchoServiceImplBase {

  final AtomicInteger handled = new AtomicInteger();
  volatile CountDownLatch entered = new CountDownLatch(1);

  @Override
  public void echo(EchoRequest request, StreamObserver<EchoResponse> response) {
    handled.incrementAndGet();
    entered.countDown();
    switch (request.getFailWith()) {
      case "not_found" -> throw new NotFoundException("echo " + request.getText() + " not found");
      case "precondition" ->
          throw new FailedPreconditionException("INSUFFICIENT_CREDIT", "over the limit");
      case "conflict" -> {
        response.onError(new ConflictException("stale version", 7));
        return;
      }
      case "boom" -> throw new IllegalStateException("secret internal detail");
      default -> {}
    }
    if (request.getDelayMillis() > 0) {
      try {
        Thread.sleep(request.getDelayMillis()); // the handler's own work, not a test wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    response.onNext(EchoResponse.newBuilder().setText(request.getText()).build());
    response.onCompleted();
  }
}
