package io.meshdesk.cli;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.health.v1.HealthGrpc.HealthBlockingStub;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.StubCommand;
import io.meshdesk.cli.common.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshctl health}: asks a server's gRPC health service whether it is serving. */
@Command(name = "health", description = "Check a server's gRPC health (exit 0 only when SERVING).")
public final class HealthCommand extends StubCommand<HealthBlockingStub> {

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
  protected HealthBlockingStub stub(Channel channel) {
    return HealthGrpc.newBlockingStub(channel);
  }

  @Override
  protected long deadlineSeconds() {
    return timeoutSeconds;
  }

  @Override
  protected int run(HealthBlockingStub health, Output out) {
    ServingStatus status =
        health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    if (out.human()) {
      System.out.println(client.target() + (service.isEmpty() ? "" : " " + service) + " " + status);
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
  }

  private static Value text(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }
}
