package io.meshdesk.platform.grpc;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.TlsConfig;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side TLS credentials whose certificate, key and client CA are re-read from their files
 * every {@code MESHDESK_TLS_RELOAD_INTERVAL}, so a renewed certificate is served to new connections
 * without a restart.
 */
final class TlsCredentials implements AutoCloseable {

  private final ServerCredentials credentials;
  private final List<PemFileWatch> watches = new ArrayList<>();

  TlsCredentials(TlsConfig tls) {
    AdvancedTlsX509KeyManager keys = new AdvancedTlsX509KeyManager();
    watches.add(
        PemFileWatch.start(
            "MESHDESK_TLS_CERT_FILE/MESHDESK_TLS_KEY_FILE",
            List.of(tls.certFile().orElseThrow(), tls.keyFile().orElseThrow()),
            tls.reloadInterval(),
            pem ->
                keys.updateIdentityCredentials(
                    PemFileWatch.certificates(pem.get(0)), PemFileWatch.privateKey(pem.get(1)))));
    TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder().keyManager(keys);
    if (tls.clientAuth() != TlsConfig.ClientAuth.NONE) {
      AdvancedTlsX509TrustManager trust;
      try {
        trust =
            AdvancedTlsX509TrustManager.newBuilder()
                .setVerification(
                    AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
                .build();
        watches.add(
            PemFileWatch.start(
                "MESHDESK_TLS_CLIENT_CA_FILE",
                List.of(tls.clientCaFile().orElseThrow()),
                tls.reloadInterval(),
                pem -> trust.updateTrustCredentials(PemFileWatch.certificates(pem.get(0)))));
      } catch (CertificateException e) {
        close();
        throw new ConfigException("MESHDESK_TLS_CLIENT_CA_FILE", "unusable: " + e.getMessage());
      } catch (RuntimeException e) {
        close();
        throw e;
      }
      b.trustManager(new ReloadableClientTrust(trust))
          .clientAuth(
              tls.clientAuth() == TlsConfig.ClientAuth.REQUIRE
                  ? TlsServerCredentials.ClientAuth.REQUIRE
                  : TlsServerCredentials.ClientAuth.OPTIONAL);
    }
    this.credentials = b.build();
  }

  ServerCredentials credentials() {
    return credentials;
  }

  @Override
  public void close() {
    watches.forEach(PemFileWatch::close);
  }
}
