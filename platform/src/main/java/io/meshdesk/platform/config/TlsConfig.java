package io.meshdesk.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Transport security of one process: the certificate a server presents, whether it asks clients for
 * theirs, and the CA its clients verify servers against.
 *
 * @param certFile PEM certificate chain the server presents ({@code MESHDESK_TLS_CERT_FILE})
 * @param keyFile PEM PKCS#8 private key of that certificate ({@code MESHDESK_TLS_KEY_FILE})
 * @param clientCaFile PEM CA that client certificates must chain to ({@code
 *     MESHDESK_TLS_CLIENT_CA_FILE})
 * @param clientAuth whether a client certificate is required ({@code MESHDESK_TLS_CLIENT_AUTH})
 * @param caFile PEM CA that clients verify servers against ({@code MESHDESK_TLS_CA_FILE})
 * @param disabled explicit opt-in to plaintext ({@code MESHDESK_TLS_DISABLED}, default false)
 * @param reloadInterval how often certificate files are re-read ({@code
 *     MESHDESK_TLS_RELOAD_INTERVAL}, default 1m)
 * @param clientCertFile PEM certificate this process presents when it calls a server that asks for
 *     one ({@code MESHDESK_TLS_CLIENT_CERT_FILE}); unset, a server requiring client certificates
 *     itself presents its own {@code certFile} (one identity per process inside the mesh)
 * @param clientKeyFile PEM PKCS#8 key of {@code clientCertFile} ({@code
 *     MESHDESK_TLS_CLIENT_KEY_FILE})
 */
public record TlsConfig(
    Optional<Path> certFile,
    Optional<Path> keyFile,
    Optional<Path> clientCaFile,
    ClientAuth clientAuth,
    Optional<Path> caFile,
    boolean disabled,
    Duration reloadInterval,
    Optional<Path> clientCertFile,
    Optional<Path> clientKeyFile) {

  /** Whether a server asks for a client certificate. */
  public enum ClientAuth {
    NONE,
    OPTIONAL,
    REQUIRE
  }

  public TlsConfig {
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new ConfigException(
          "MESHDESK_TLS_CERT_FILE/MESHDESK_TLS_KEY_FILE", "must be set together");
    }
    if (clientCertFile.isPresent() != clientKeyFile.isPresent()) {
      throw new ConfigException(
          "MESHDESK_TLS_CLIENT_CERT_FILE/MESHDESK_TLS_CLIENT_KEY_FILE", "must be set together");
    }
    if (clientAuth != ClientAuth.NONE && clientCaFile.isEmpty()) {
      throw new ConfigException(
          "MESHDESK_TLS_CLIENT_CA_FILE", "is required when MESHDESK_TLS_CLIENT_AUTH is set");
    }
    if (reloadInterval.isNegative() || reloadInterval.isZero()) {
      throw new ConfigException("MESHDESK_TLS_RELOAD_INTERVAL", "must be positive");
    }
  }

  /** Reads the {@code MESHDESK_TLS_*} variables. */
  public static TlsConfig fromEnv(Env env) {
    Optional<Path> clientCa = env.get("MESHDESK_TLS_CLIENT_CA_FILE").map(Path::of);
    ClientAuth auth =
        env.get("MESHDESK_TLS_CLIENT_AUTH")
            .map(s -> parseClientAuth(s))
            .orElse(clientCa.isPresent() ? ClientAuth.REQUIRE : ClientAuth.NONE);
    return new TlsConfig(
        env.get("MESHDESK_TLS_CERT_FILE").map(Path::of),
        env.get("MESHDESK_TLS_KEY_FILE").map(Path::of),
        clientCa,
        auth,
        env.get("MESHDESK_TLS_CA_FILE").map(Path::of),
        env.bool("MESHDESK_TLS_DISABLED", false),
        env.duration("MESHDESK_TLS_RELOAD_INTERVAL", Duration.ofMinutes(1)),
        env.get("MESHDESK_TLS_CLIENT_CERT_FILE").map(Path::of),
        env.get("MESHDESK_TLS_CLIENT_KEY_FILE").map(Path::of));
  }

  /** Plaintext, explicitly opted into: for tests and {@code meshctl dev} without {@code --tls}. */
  public static TlsConfig plaintext() {
    return new TlsConfig(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ClientAuth.NONE,
        Optional.empty(),
        true,
        Duration.ofMinutes(1),
        Optional.empty(),
        Optional.empty());
  }

  /** A server presenting {@code cert}/{@code key} whose clients trust {@code ca}. */
  public static TlsConfig server(Path cert, Path key, Path ca) {
    return new TlsConfig(
        Optional.of(cert),
        Optional.of(key),
        Optional.empty(),
        ClientAuth.NONE,
        Optional.of(ca),
        false,
        Duration.ofMinutes(1),
        Optional.empty(),
        Optional.empty());
  }

  /** A client only: verifies servers against {@code ca}, presents no certificate. */
  public static TlsConfig client(Path ca) {
    return new TlsConfig(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ClientAuth.NONE,
        Optional.of(ca),
        false,
        Duration.ofMinutes(1),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The certificate and key this process presents to servers, if any (see {@link
   * #clientCertFile()}).
   */
  public Optional<Path[]> clientIdentity() {
    if (clientCertFile.isPresent()) {
      return Optional.of(new Path[] {clientCertFile.get(), clientKeyFile.orElseThrow()});
    }
    if (clientAuth != ClientAuth.NONE && certFile.isPresent()) {
      return Optional.of(new Path[] {certFile.get(), keyFile.orElseThrow()});
    }
    return Optional.empty();
  }

  /** A copy presenting {@code cert}/{@code key} when calling servers (mutual TLS). */
  public TlsConfig withClientCertificate(Path cert, Path key) {
    return new TlsConfig(
        certFile,
        keyFile,
        clientCaFile,
        clientAuth,
        caFile,
        disabled,
        reloadInterval,
        Optional.of(cert),
        Optional.of(key));
  }

  /** Whether a server serves TLS. */
  public boolean serverTls() {
    return certFile.isPresent();
  }

  /**
   * Fails unless a server either has a certificate or plaintext was explicitly opted into.
   *
   * @throws ConfigException naming the variables
   */
  public void requireServerTlsOrOptIn() {
    if (!serverTls() && !disabled) {
      throw new ConfigException(
          "MESHDESK_TLS_CERT_FILE/MESHDESK_TLS_KEY_FILE",
          "are required (or set MESHDESK_TLS_DISABLED=true to serve plaintext)");
    }
  }

  /** A copy with a different client-auth mode and client CA (mutual TLS). */
  public TlsConfig withClientAuth(ClientAuth mode, Path clientCa) {
    return new TlsConfig(
        certFile,
        keyFile,
        Optional.of(clientCa),
        mode,
        caFile,
        disabled,
        reloadInterval,
        clientCertFile,
        clientKeyFile);
  }

  /** A copy re-reading files at another interval. */
  public TlsConfig withReloadInterval(Duration interval) {
    return new TlsConfig(
        certFile,
        keyFile,
        clientCaFile,
        clientAuth,
        caFile,
        disabled,
        interval,
        clientCertFile,
        clientKeyFile);
  }

  private static ClientAuth parseClientAuth(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "require" -> ClientAuth.REQUIRE;
      case "optional" -> ClientAuth.OPTIONAL;
      case "none" -> ClientAuth.NONE;
      default ->
          throw new ConfigException(
              "MESHDESK_TLS_CLIENT_AUTH", "must be require, optional or none, got '" + s + "'");
    };
  }
}
