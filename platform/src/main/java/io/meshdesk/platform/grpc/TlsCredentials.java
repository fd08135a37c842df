package io.meshdesk.platform.grpc;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.TlsConfig;
import java.io.Closeable;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Server-side TLS credentials whose certificate, key and client CA are re-read from their files
 * periodically, so a renewed certificate is served to new connections without a restart.
 */
final class TlsCredentials implements AutoCloseable {

  private final ServerCredentials credentials;
  private final ScheduledExecutorService reloader;
  private final List<Closeable> watches = new ArrayList<>();

  TlsCredentials(TlsConfig tls) {
    this.reloader =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tls-reload");
              t.setDaemon(true);
              return t;
            });
    long period = tls.reloadInterval().toMillis();
    try {
      AdvancedTlsX509KeyManager keys = new AdvancedTlsX509KeyManager();
      watches.add(
          keys.updateIdentityCredentials(
                  tls.certFile().orElseThrow().toFile(),
                  tls.keyFile().orElseThrow().toFile(),
                  period,
                  TimeUnit.MILLISECONDS,
                  reloader)
              ::close);
      TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder().keyManager(keys);
      if (tls.clientAuth() != TlsConfig.ClientAuth.NONE) {
        AdvancedTlsX509TrustManager trust =
            AdvancedTlsX509TrustManager.newBuilder()
                .setVerification(
                    AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
                .build();
        watches.add(
            trust.updateTrustCredentials(
                    tls.clientCaFile().orElseThrow().toFile(),
                    period,
                    TimeUnit.MILLISECONDS,
                    reloader)
                ::close);
        b.trustManager(trust)
            .clientAuth(
                tls.clientAuth() == TlsConfig.ClientAuth.REQUIRE
                    ? TlsServerCredentials.ClientAuth.REQUIRE
                    : TlsServerCredentials.ClientAuth.OPTIONAL);
      }
      this.credentials = b.build();
    } catch (IOException | GeneralSecurityException e) {
      reloader.shutdownNow();
      throw new ConfigException(
          "MESHDESK_TLS_CERT_FILE/MESHDESK_TLS_KEY_FILE", "could not be loaded: " + e.getMessage());
    }
  }

  ServerCredentials credentials() {
    return credentials;
  }

  @Override
  public void close() {
    for (Closeable w : watches) {
      try {
        w.close();
      } catch (IOException ignored) {
        // stopping a reload schedule cannot fail meaningfully
      }
    }
    reloader.shutdownNow();
  }
}
