package io.meshdesk.cli.config;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.meshdesk.cli.common.ClientOptions.OutputFormat;
import io.meshdesk.cli.common.ContextStore;
import io.meshdesk.cli.common.CredentialsStore;
import io.meshdesk.cli.common.MeshctlContext;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Server;
import io.meshdesk.cli.common.Table;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meshctl config}: named contexts (endpoints, CA, tenant, and each its own saved session),
 * like kubectl's, kept in a 0600 file in the user's config directory.
 */
@Command(
    name = "config",
    description = {
      "Keep named contexts: one edge address or one per server, a TLS CA, a tenant, and each its",
      "own saved session. Commands use the current context, or the one --context names.",
      "Precedence of each setting: flag > environment > context > default."
    },
    subcommands = {
      ConfigCommand.SetContext.class,
      ConfigCommand.UseContext.class,
      ConfigCommand.GetContexts.class,
      ConfigCommand.CurrentContext.class,
      ConfigCommand.DeleteContext.class
    })
public final class ConfigCommand {

  /** {@code meshctl config set-context}: adds or replaces a context. */
  @Command(
      name = "set-context",
      description =
          "Add or replace a context (it becomes current with --use or when it is the first).")
  static final class SetContext implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Context name.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Addresses addresses = new Addresses();

    @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM CA; implies TLS.")
    String caFile;

    @Option(names = "--tenant", description = "Tenant slug `meshctl login` signs in to.")
    String tenant;

    @Option(names = "--use", description = "Also make it the current context.")
    boolean use;

    /** Either one edge address or one address per server. */
    static final class Addresses {
      @Option(
          names = "--edge",
          paramLabel = "ADDR",
          description = "One address (host:port) for every service, e.g. Envoy.")
      String edge;

      @ArgGroup(exclusive = false)
      PerServer perServer;
    }

    /** One address per server; missing ones default to the `meshctl dev` ports. */
    static final class PerServer {
      @Option(names = "--ticket", paramLabel = "ADDR", description = "ticket-server address.")
      String ticket;

      @Option(names = "--ledger", paramLabel = "ADDR", description = "ledger-server address.")
      String ledger;

      @Option(names = "--ai", paramLabel = "ADDR", description = "ai-worker address.")
      String ai;
    }

    @Override
    public Integer call() {
      ContextStore.validName(name);
      PerServer per = addresses == null ? null : addresses.perServer;
      MeshctlContext context =
          new MeshctlContext(
              addresses == null ? null : addresses.edge,
              per == null ? null : per.ticket,
              per == null ? null : per.ledger,
              per == null ? null : per.ai,
              caFile,
              tenant);
      ContextStore store = ContextStore.standard();
      boolean first = store.load().current().isEmpty();
      store.put(name, context, use || first);
      System.out.println(
          "Context \"" + name + "\" saved" + (use || first ? " and in use" : "") + ".");
      return 0;
    }
  }

  /** A command on one existing context, which {@code NAME} must name. */
  abstract static class OnContext implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Context name.")
    String name;

    @Override
    public Integer call() {
      ContextStore store = ContextStore.standard();
      ContextStore.Contexts contexts = store.load();
      contexts.named(name, store.file());
      change(store, contexts);
      return 0;
    }

    /** Changes the contexts in {@code store}, where the context {@code name} exists. */
    abstract void change(ContextStore store, ContextStore.Contexts contexts);
  }

  /** {@code meshctl config use-context}: makes a context the current one. */
  @Command(name = "use-context", description = "Make a context the current one.")
  static final class UseContext extends OnContext {
    @Override
    void change(ContextStore store, ContextStore.Contexts contexts) {
      store.save(new ContextStore.Contexts(Optional.of(name), contexts.all()));
      System.out.println("Switched to context \"" + name + "\".");
    }
  }

  /** {@code meshctl config current-context}: prints the current context's name. */
  @Command(name = "current-context", description = "Print the current context's name.")
  static final class CurrentContext implements Callable<Integer> {
    @Override
    public Integer call() {
      Optional<String> current = ContextStore.standard().load().current();
      if (current.isEmpty()) {
        System.err.println("meshctl: no current context (see `meshctl config use-context`)");
        return 3;
      }
      System.out.println(current.get());
      return 0;
    }
  }

  /** {@code meshctl config delete-context}: removes a context and its saved session. */
  @Command(name = "delete-context", description = "Remove a context and its saved session.")
  static final class DeleteContext extends OnContext {
    @Override
    void change(ContextStore store, ContextStore.Contexts contexts) {
      Map<String, MeshctlContext> rest = new TreeMap<>(contexts.all());
      rest.remove(name);
      Optional<String> current = contexts.current().filter(c -> !c.equals(name));
      store.save(new ContextStore.Contexts(current, rest));
      CredentialsStore.standard(name).delete();
      System.out.println("Deleted context \"" + name + "\".");
    }
  }

  /** {@code meshctl config get-contexts}: lists the contexts. */
  @Command(name = "get-contexts", description = "List the contexts; * marks the current one.")
  static final class GetContexts implements Callable<Integer> {
    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, json, yaml or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Option(names = "--no-headers", description = "Leave out the header line of table and csv.")
    boolean noHeaders;

    @Override
    public Integer call() {
      ContextStore.Contexts contexts = ContextStore.standard().load();
      String current = contexts.current().orElse("");
      Table table = new Table("CURRENT", "NAME", "TICKET", "LEDGER", "AI", "CA_FILE", "TENANT");
      ListValue.Builder list = ListValue.newBuilder();
      contexts
          .all()
          .forEach(
              (name, c) -> {
                table.row(
                    name.equals(current) ? "*" : "",
                    name,
                    c.address(Server.TICKET),
                    c.address(Server.LEDGER),
                    c.address(Server.AI),
                    c.ca().orElse(""),
                    c.defaultTenant().orElse(""));
                list.addValues(Value.newBuilder().setStructValue(document(name, c)));
              });
      Struct doc =
          Struct.newBuilder()
              .putFields("current_context", text(current))
              .putFields("contexts", Value.newBuilder().setListValue(list).build())
              .build();
      new Output(output, !noHeaders).print(doc, () -> table);
      return 0;
    }

    private static Struct document(String name, MeshctlContext c) {
      return Struct.newBuilder()
          .putFields("name", text(name))
          .putFields("edge", text(c.edge()))
          .putFields("ticket", text(c.address(Server.TICKET)))
          .putFields("ledger", text(c.address(Server.LEDGER)))
          .putFields("ai", text(c.address(Server.AI)))
          .putFields("ca_file", text(c.caFile()))
          .putFields("tenant", text(c.tenant()))
          .build();
    }

    private static Value text(String s) {
      return Value.newBuilder().setStringValue(s == null ? "" : s).build();
    }
  }
}
