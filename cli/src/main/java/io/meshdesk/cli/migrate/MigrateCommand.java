package io.meshdesk.cli.migrate;

import io.meshdesk.ai.AiWorker;
import io.meshdesk.identity.KeyUpgrade;
import io.meshdesk.identity.domain.IdentityConfig;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.ticket.TicketServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code meshctl migrate}: applies every server's schema changes as the owner role and prints the
 * change sets it applied. With {@code MESHDESK_KEY_ENCRYPTION_KEY} set it also re-seals signing
 * keys that an earlier install sealed with a database-kept key ({@link KeyUpgrade}). Idempotent: a
 * second run changes nothing. Servers never migrate; this is the deployment step that runs before
 * them.
 */
@Command(
    name = "migrate",
    description =
        "Apply every schema change as the owner role (MESHDESK_DATABASE_URL, MESHDESK_DATABASE_OWNER_USER,"
            + " MESHDESK_DATABASE_OWNER_PASSWORD) and print what was applied; with MESHDESK_KEY_ENCRYPTION_KEY set,"
            + " also re-seal signing keys stored without it.")
public final class MigrateCommand implements Callable<Integer> {

  /** Every context's changelog, in the order they must be applied. */
  public static final List<String> CHANGELOGS = all();

  /** Applies {@link #CHANGELOGS} as {@code config}'s owner; returns the applied change set ids. */
  public static List<String> applyAll(DatabaseConfig config) {
    return Migrations.apply(config, CHANGELOGS);
  }

  @Override
  public Integer call() {
    DatabaseConfig config;
    try {
      config = DatabaseConfig.ownerFromEnv(Env.system());
    } catch (ConfigException e) {
      System.err.println("meshctl migrate: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    List<String> applied;
    try {
      applied = applyAll(config);
    } catch (IllegalStateException e) {
      System.err.println("meshctl migrate: " + e.getMessage());
      return 1;
    }
    for (String id : applied) {
      System.out.println("applied " + id);
    }
    System.out.println(
        "meshctl migrate: " + applied.size() + " change set(s) applied; schema is up to date");
    try {
      System.out.println("meshctl migrate: " + sealKeys(config, Env.system()));
    } catch (ConfigException | IllegalStateException e) {
      System.err.println("meshctl migrate: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /**
   * Re-seals signing keys stored without a key-encryption key under {@code
   * MESHDESK_KEY_ENCRYPTION_KEY} from {@code env}, as {@code owner}; returns what was done, in one
   * line. Without the variable nothing changes and the line says how many keys wait for it.
   *
   * @throws ConfigException when the variable is not a 32-byte base64 key
   * @throws IllegalStateException when the database cannot be reached, or the configured key does
   *     not open a key already sealed with one
   */
  public static String sealKeys(DatabaseConfig owner, Env env) {
    Optional<byte[]> kek = env.get("MESHDESK_KEY_ENCRYPTION_KEY").map(IdentityConfig::decodeKey);
    try (Connection c =
        DriverManager.getConnection(
            owner.jdbcUrl(), owner.ownerUser().orElseThrow(), owner.ownerPassword())) {
      if (kek.isEmpty()) {
        int waiting = KeyUpgrade.countLocal(c);
        return waiting == 0
            ? "signing keys: none stored without a key-encryption key"
            : waiting
                + " signing key(s) are sealed with a key kept in the database; run meshctl migrate with"
                + " MESHDESK_KEY_ENCRYPTION_KEY set (ticket-server requires it) to re-seal them";
      }
      return "signing keys: "
          + KeyUpgrade.sealLocalKeys(c, kek.get())
          + " re-sealed with MESHDESK_KEY_ENCRYPTION_KEY";
    } catch (SQLException e) {
      throw new IllegalStateException("signing keys: " + e.getMessage(), e);
    }
  }

  private static List<String> all() {
    List<String> all = new ArrayList<>(TicketServer.CHANGELOGS);
    all.addAll(LedgerServer.CHANGELOGS);
    all.addAll(AiWorker.CHANGELOGS);
    return List.copyOf(all);
  }
}
