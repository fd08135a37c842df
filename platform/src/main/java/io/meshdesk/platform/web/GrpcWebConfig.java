package io.meshdesk.platform.web;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the in-JVM grpc-web bridge (Envoy's stand-in for {@code meshctl dev} and tests) listens.
 *
 * @param host bind address
 * @param port HTTP port (0 picks a free port)
 * @param allowedOrigins browser origins allowed by CORS besides the bridge's own (e.g. the Vite dev
 *     server {@code http://localhost:5173}); same-origin requests need none
 * @param consoleDir directory of the built console ({@code console/dist}) served at {@code /};
 *     empty serves gRPC only
 * @param corsMaxAge how long browsers may cache a CORS preflight answer
 * @param tls the listener serves HTTPS when {@code tls} has a certificate; channels to upstream
 *     servers verify them against its CA (plaintext only when {@code tls} opts into it)
 */
public record GrpcWebConfig(
    String host,
    int port,
    List<String> allowedOrigins,
    Optional<Path> consoleDir,
    Duration corsMaxAge,
    TlsConfig tls) {

  /** Validates the values. */
  public GrpcWebConfig {
    if (port < 0 || port > 65535) {
      throw new ConfigException("MESHDESK_WEB_PORT", "out of range: " + port);
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    consoleDir = consoleDir == null ? Optional.empty() : consoleDir;
  }

  /**
   * Loopback on {@code port}, the Vite dev server origins allowed, serving {@code consoleDir},
   * explicitly plaintext (listener and upstreams); see {@link #withTls}.
   */
  public static GrpcWebConfig loopback(int port, Optional<Path> consoleDir) {
    return new GrpcWebConfig(
        "127.0.0.1",
        port,
        List.of("http://localhost:5173", "http://127.0.0.1:5173"),
        consoleDir,
        Duration.ofHours(1),
        TlsConfig.plaintext());
  }

  /** A copy with other transport security for the listener and the upstream channels. */
  public GrpcWebConfig withTls(TlsConfig newTls) {
    return new GrpcWebConfig(host, port, allowedOrigins, consoleDir, corsMaxAge, newTls);
  }
}
