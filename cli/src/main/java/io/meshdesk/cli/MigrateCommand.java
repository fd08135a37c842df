package io.meshdesk.cli;

import io.meshdesk.ai.AiWorker;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.ticket.TicketServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code meshctl migrate}: applies every server's schema changes as the owner role and prints the
 * change sets it applied. Idempotent: a second run applies nothing. Servers never migrate; this
 * is the deployment step that runs before them.
 */
@Command(
    name = "migrate",
    description =
        "Apply every schema change as the owner role (MESHDESK_DATABASE_URL, MESHDESK_DATABASE_OWNER_USER,"
            + " MESHDESK_DATABASE_OWNER_PASSWORD) and print what was applied.")
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
      return Meshctl.EXIT_USAGE;
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
    System.out.println("meshctl migrate: " + applied.size() + " change set(s) applied; schema is up to date");
    return 0;
  }

  private static List<String> all() {
    List<String> all = new ArrayList<>(TicketServer.CHANGELOGS);
    all.addAll(LedgerServer.CHANGELOGS);
    all.addAll(AiWorker.CHANGELOGS);
    return List.copyOf(all);
  }
}
