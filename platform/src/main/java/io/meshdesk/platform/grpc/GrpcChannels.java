package io.meshdesk.platform.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.TlsConfig;
import java.io.IOException;

/**
 * The one place Meshdesk clients get a channel builder: TLS verifying the server against the
 * configured CA, or plaintext only when plaintext was explicitly opted into.
 */
public final class GrpcChannels {

  private GrpcChannels() {}

  /**
   * A channel builder for {@code target} ({@code host:port}).
   *
   * @throws ConfigException when neither a CA file nor the plaintext opt-in is configured
   */
  public static ManagedChannelBuilder<?> forTarget(String target, TlsConfig tls) {
    return Grpc.newChannelBuilder(target, credentials(tls));
  }

  /**
   * A channel builder for {@code target} with {@link ClientRetry}'s retry policy: what every
   * internal client (signing keys, service tokens, ai-worker to the servers) uses.
   */
  public static ManagedChannelBuilder<?> internal(String target, TlsConfig tls) {
    return ClientRetry.apply(forTarget(target, tls));
  }

  /** The channel credentials {@code tls} asks for. */
  public static ChannelCredentials credentials(TlsConfig tls) {
    if (tls.caFile().isEmpty()) {
      if (tls.disabled()) {
        return InsecureChannelCredentials.create();
      }
      throw new ConfigException(
          "MESHDESK_TLS_CA_FILE",
          "is required to verify servers (or set MESHDESK_TLS_DISABLED=true for plaintext)");
    }
    try {
      TlsChannelCredentials.Builder b =
          TlsChannelCredentials.newBuilder().trustManager(tls.caFile().get().toFile());
      // Mutual TLS: present the client certificate, or this server's own inside an mTLS mesh.
      var identity = tls.clientIdentity();
      if (identity.isPresent()) {
        b.keyManager(identity.get()[0].toFile(), identity.get()[1].toFile());
      }
      return b.build();
    } catch (IOException e) {
      throw new ConfigException(
          "MESHDESK_TLS_CA_FILE/MESHDESK_TLS_CLIENT_CERT_FILE",
          "could not be read: " + e.getMessage());
    }
  }
}
