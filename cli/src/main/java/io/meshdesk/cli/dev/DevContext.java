package io.meshdesk.cli.dev;

import io.meshdesk.cli.common.ContextStore;
import io.meshdesk.cli.common.CredentialsStore;
import io.meshdesk.cli.common.MeshctlContext;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The {@code dev} context that {@code meshctl dev} saves and selects, so later commands reach its
 * servers (and trust its CA) without {@code --target}.
 */
public final class DevContext {

  /** The context's name. */
  public static final String NAME = "dev";

  private DevContext() {}

  /**
   * Saves the {@code dev} context for {@code running} and makes it current; with throwaway data the
   * context's old session is deleted, since the new system does not know it.
   */
  public static void save(DevCommand.Running running, boolean throwawayData, PrintStream out) {
    ContextStore store = ContextStore.standard();
    store.put(
        NAME,
        new MeshctlContext(
            null,
            "127.0.0.1:" + running.ticketPort(),
            "127.0.0.1:" + running.ledgerPort(),
            "127.0.0.1:" + running.workerPort(),
            running.caFile().map(Path::toString).orElse(null),
            "demo"),
        true);
    if (throwawayData) {
      CredentialsStore.standard(NAME).delete();
    }
    out.println(
        "meshctl dev: context \""
            + NAME
            + "\" saved to "
            + store.file()
            + " and in use; sign in with `meshctl login --email admin@demo.meshdesk.dev`.");
    out.flush();
  }
}
