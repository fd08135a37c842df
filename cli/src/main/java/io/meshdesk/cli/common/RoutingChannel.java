package io.meshdesk.cli.common;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One channel over the three servers: each call goes to the server that serves its gRPC service
 * ({@link Server#serving}), over a channel opened at that server's first call. Servers that share
 * an address (an edge) share one channel.
 */
final class RoutingChannel extends ManagedChannel {

  private final Function<Server, String> addresses;
  private final Function<String, ManagedChannel> open;
  private final Map<String, ManagedChannel> channels = new LinkedHashMap<>();
  private boolean shutdown;

  /**
   * @param addresses the address of each server
   * @param open opens a channel to an address
   */
  RoutingChannel(Function<Server, String> addresses, Function<String, ManagedChannel> open) {
    this.addresses = addresses;
    this.open = open;
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    String service = method.getServiceName() == null ? "" : method.getServiceName();
    return channel(addresses.apply(Server.serving(service))).newCall(method, options);
  }

  private synchronized ManagedChannel channel(String address) {
    if (shutdown) {
      throw new IllegalStateException("channel is shut down");
    }
    return channels.computeIfAbsent(address, open);
  }

  @Override
  public String authority() {
    return addresses.apply(Server.TICKET);
  }

  @Override
  public synchronized ManagedChannel shutdown() {
    shutdown = true;
    channels.values().forEach(ManagedChannel::shutdown);
    return this;
  }

  @Override
  public synchronized ManagedChannel shutdownNow() {
    shutdown = true;
    channels.values().forEach(ManagedChannel::shutdownNow);
    return this;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && opened().stream().allMatch(ManagedChannel::isTerminated);
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (ManagedChannel c : opened()) {
      if (!c.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        return false;
      }
    }
    return isTerminated();
  }

  private synchronized List<ManagedChannel> opened() {
    return new ArrayList<>(channels.values());
  }
}
