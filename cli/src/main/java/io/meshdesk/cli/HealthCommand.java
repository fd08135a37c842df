package io.meshdesk.cli;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.meshdesk.cli.common.ClientOptions;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshctl health}: asks a server's gRPC health service whether it is serving. */
@Command(name = "health", description = "Check a server's gRPC health (exit 0 only when SERVING).")
public final class HealthCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Option(
      names = "--service",
      description = "Service name to check (default: the whole server).",
      defaultValue = "")
  String service;

  @Option(
      names = "--timeout-seconds",
      description = "Deadline (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  int timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    ManagedChannel channel = client.channel();
    try {
      ServingStatus status =
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
              .check(HealthCheckRequest.newBuilder().setService(service).build())
              .getStatus();
      if (client.output() == ClientOptions.OutputFormat.json) {
        System.out.printf(
            "{\"target\":\"%s\",\"service\":\"%s\",\"status\":\"%s\"}%n",
            client.target(), service, status);
      } else {
        System.out.println(
            client.target() + (service.isEmpty() ? "" : " " + service) + " " + status);
      }
      return status == ServingStatus.SERVING ? 0 : 8;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
