package io.meshdesk.cli.common;

import java.util.Optional;

/**
 * One named place meshctl talks to, like a kubectl context: either one edge address (Envoy, which
 * routes every service) or one address per server, the CA to verify them against, and the tenant to
 * sign in to. Its saved session is kept beside the config, one per context.
 *
 * @param edge one address for every service, or null
 * @param ticket ticket-server address, or null
 * @param ledger ledger-server address, or null
 * @param ai ai-worker address, or null
 * @param caFile PEM CA file that implies TLS, or null for plaintext
 * @param tenant tenant slug {@code meshctl login} signs in to by default, or null
 */
public record MeshctlContext(
    String edge, String ticket, String ledger, String ai, String caFile, String tenant) {

  /**
   * The address of {@code server}: the edge when set, else the server's own address, else the
   * server's {@code meshctl dev} default.
   */
  public String address(Server server) {
    if (present(edge)) {
      return edge;
    }
    String own =
        switch (server) {
          case TICKET -> ticket;
          case LEDGER -> ledger;
          case AI -> ai;
        };
    return present(own) ? own : server.devAddress();
  }

  /** The CA file, if the context sets one. */
  public Optional<String> ca() {
    return present(caFile) ? Optional.of(caFile) : Optional.empty();
  }

  /** The default tenant, if the context sets one. */
  public Optional<String> defaultTenant() {
    return present(tenant) ? Optional.of(tenant) : Optional.empty();
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
