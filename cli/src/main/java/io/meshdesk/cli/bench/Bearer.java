package io.meshdesk.cli.bench;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.meshdesk.cli.common.ClientOptions;
import java.util.concurrent.Executor;

/** Bearer-token call credentials and plaintext channels for the ticket benchmarks. */
final class Bearer {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private Bearer() {}

  static CallCredentials of(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata h = new Metadata();
        h.put(AUTHORIZATION, "Bearer " + token);
        applier.apply(h);
      }
    };
  }

  static ManagedChannel channel(String target) {
    ClientOptions.HostPort hp = ClientOptions.HostPort.parse(target);
    return io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress(hp.host(), hp.port())
        .usePlaintext()
        .build();
  }

  /**
   * A channel whose callbacks run on its network thread (no hand-off to an executor): for receivers
   * that only record a timestamp, so the bench measures the server, not a thread pool.
   */
  static ManagedChannel directChannel(String target) {
    ClientOptions.HostPort hp = ClientOptions.HostPort.parse(target);
    return io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress(hp.host(), hp.port())
        .usePlaintext()
        .directExecutor()
        .build();
  }
}
