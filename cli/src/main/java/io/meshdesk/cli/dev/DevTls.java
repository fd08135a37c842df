package io.meshdesk.cli.dev;

import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.grpc.ThrowawayPki;
import io.meshdesk.platform.runtime.Shutdown;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The transport security of {@code meshctl dev --tls}: a throwaway CA (valid two days) and one
 * certificate for {@code localhost}/{@code 127.0.0.1} that every dev server and the grpc-web bridge
 * present, made fresh at each start. The files live under {@code --data-dir}'s {@code tls/}, or in
 * a temporary directory removed at stop.
 *
 * @param config what the servers serve and their clients verify
 * @param caFile the CA certificate clients such as meshctl verify the servers against
 */
record DevTls(TlsConfig config, Path caFile) {

  /**
   * Makes the CA and the server certificate; a temporary directory is removed with {@code
   * shutdown}.
   */
  static DevTls create(Optional<Path> dataDir, Shutdown shutdown) throws Exception {
    Path dir;
    if (dataDir.isPresent()) {
      dir = Files.createDirectories(dataDir.get().resolve("tls"));
    } else {
      Path temp = Files.createTempDirectory("meshctl-dev-tls");
      shutdown.register((AutoCloseable) () -> deleteTree(temp));
      dir = temp;
    }
    ThrowawayPki pki = new ThrowawayPki(dir);
    Path ca = pki.ca("meshdesk-dev-ca");
    Path[] server = pki.issue("meshdesk-dev-ca", "dev-server");
    return new DevTls(TlsConfig.server(server[0], server[1], ca), ca.toAbsolutePath());
  }

  /** Prints where the CA is and the exact flags and environment that make meshctl trust it. */
  void printHowToConnect(PrintStream out, int ticketPort) {
    out.println("meshctl dev: TLS on every hop, certificates from a throwaway CA: " + caFile);
    out.println("  meshctl flag:  --ca-file " + caFile);
    out.println("  or once:       export MESHDESK_TLS_CA_FILE=" + caFile);
    out.println(
        "  e.g.           meshctl health --target 127.0.0.1:"
            + ticketPort
            + " --ca-file "
            + caFile);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
