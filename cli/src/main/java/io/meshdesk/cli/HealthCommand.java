package io.meshdesk.cli;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Table;
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
      Output out = client.printer();
      if (out.human()) {
        System.out.println(
            client.target() + (service.isEmpty() ? "" : " " + service) + " " + status);
      } else {
        Struct result =
            Struct.newBuilder()
                .putFields("target", text(client.target()))
                .putFields("service", text(service))
                .putFields("status", text(status.name()))
                .build();
        out.print(
            result,
            () -> new Table("target", "service", "status").row(client.target(), service, status));
      }
      return status == ServingStatus.SERVING ? 0 : 8;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static Value text(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }
}
