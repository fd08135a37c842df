package io.meshdesk.testing;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.meshdesk.platform.grpc.GrpcServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-process gRPC server serving real services through the same interceptor chain as production
 * ({@link GrpcServer#wrap}), and a channel to it. Close it after the test.
 */
public final class InProcessGrpc implements AutoCloseable {

  private final Server server;
  private final ManagedChannel channel;

  private final ExecutorService executor;

  private InProcessGrpc(Server server, ManagedChannel channel, ExecutorService executor) {
    this.server = server;
    this.channel = channel;
    this.executor = executor;
  }

  /**
   * Starts a server for {@code services}.
   *
   * @param interceptors extra interceptors (authentication) placed where production places them
   */
  public static InProcessGrpc start(
      List<BindableService> services, List<ServerInterceptor> interceptors) {
    String name = InProcessServerBuilder.generateName();
    // Server code runs on its own threads, as in production (GrpcServer): with a direct executor a
    // client's send would run the handler on the caller's thread, and a handler that locks while
    // another thread writes to the same call could deadlock in a way production never can.
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).executor(executor);
    for (BindableService s : services) {
      builder.addService(GrpcServer.wrap(s.bindService(), interceptors));
    }
    try {
      Server server = builder.build().start();
      return new InProcessGrpc(
          server, InProcessChannelBuilder.forName(name).directExecutor().build(), executor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A channel to the server. */
  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      executor.shutdownNow();
    }
  }
}
