package io.meshdesk.platform.web;

import com.linecorp.armeria.common.TlsKeyPair;
import com.linecorp.armeria.common.TlsProvider;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.grpc.PemFileWatch;
import java.util.List;

/**
 * The grpc-web bridge's certificate, re-read from {@code MESHDESK_TLS_CERT_FILE}/{@code
 * MESHDESK_TLS_KEY_FILE} like the gRPC servers' own, so new HTTPS connections get a renewed
 * certificate without a restart.
 */
final class ReloadingTlsProvider implements TlsProvider {

  private final PemFileWatch watch;
  private volatile TlsKeyPair current;

  ReloadingTlsProvider(TlsConfig tls) {
    this.watch =
        PemFileWatch.start(
            "MESHDESK_TLS_CERT_FILE/MESHDESK_TLS_KEY_FILE",
            List.of(tls.certFile().orElseThrow(), tls.keyFile().orElseThrow()),
            tls.reloadInterval(),
            pem ->
                current =
                    TlsKeyPair.of(
                        PemFileWatch.privateKey(pem.get(1)),
                        PemFileWatch.certificates(pem.get(0))));
  }

  @Override
  public TlsKeyPair keyPair(String hostname) {
    return current;
  }

  @Override
  public void close() {
    watch.close();
  }
}
