package io.meshdesk.cli;

import io.grpc.StatusRuntimeException;
import io.meshdesk.cli.bench.BenchCommand;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.StatusReason;
import io.meshdesk.cli.dev.DevCommand;
import io.meshdesk.cli.migrate.MigrateCommand;
import io.meshdesk.platform.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshctl}: the Meshdesk admin CLI. */
@Command(
    name = "meshctl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Administer Meshdesk, run it locally, and benchmark it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:unexpected error",
      "2:usage or configuration error",
      "3:not found",
      "4:denied or unauthenticated",
      "5:invalid argument or failed precondition",
      "6:conflict (aborted, already exists)",
      "7:unavailable, deadline exceeded or resource exhausted",
      "8:server not serving (health)",
      "9:violations found (ledger audit)"
    },
    subcommands = {
      VersionCommand.class,
      HealthCommand.class,
      DevCommand.class,
      MigrateCommand.class,
      CompletionCommand.class,
      BenchCommand.class,
      io.meshdesk.cli.identity.LoginCommand.class,
      io.meshdesk.cli.identity.LogoutCommand.class,
      io.meshdesk.cli.identity.WhoAmICommand.class,
      io.meshdesk.cli.identity.BootstrapCommand.class,
      io.meshdesk.cli.identity.TenantsCommand.class,
      io.meshdesk.cli.identity.UsersCommand.class,
      io.meshdesk.cli.identity.ServiceAccountsCommand.class,
      io.meshdesk.cli.identity.AuditCommand.class,
      io.meshdesk.cli.ledger.LedgerCommand.class,
      io.meshdesk.cli.kb.KbCommand.class,
      io.meshdesk.cli.reminders.RemindersCommand.class,
      io.meshdesk.cli.identity.KeysCommand.class,
      io.meshdesk.cli.tickets.TicketsCommand.class,
      io.meshdesk.cli.tickets.TeamsCommand.class,
      io.meshdesk.cli.tickets.SlaCommand.class,
      io.meshdesk.cli.ledger.ProductsCommand.class,
      io.meshdesk.cli.ledger.CardsCommand.class,
      io.meshdesk.cli.ledger.AccountsCommands.Limits.class,
      io.meshdesk.cli.ledger.AccountsCommands.Statements.class,
      io.meshdesk.cli.ledger.AccountsCommands.Transactions.class,
      io.meshdesk.cli.ledger.PostingsCommand.class,
      io.meshdesk.cli.ledger.SpendingCommand.class,
      io.meshdesk.cli.ledger.AnomaliesCommand.class,
      io.meshdesk.cli.kb.AskCommand.class,
      io.meshdesk.cli.config.ConfigCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Meshctl implements ClientOptions.ContextOption {

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description =
          "Context of `meshctl config` for the command that follows (default: $MESHCTL_CONTEXT,"
              + " else the current one).")
  String context;

  @Override
  public String context() {
    return context;
  }

  /** Exit code for a usage error (bad flags or arguments). */
  public static final int EXIT_USAGE = 2;

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (tests call this). */
  public static int run(String... args) {
    return execute(commandLine(), args);
  }

  /**
   * Runs {@code args} on {@code cli}, a tree from {@link #commandLine()} that may be reused (a test
   * walking every command builds the tree once).
   */
  public static int execute(CommandLine cli, String... args) {
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("meshctl: " + describe(e));
          return exitCode(e);
        });
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          // Bad flags or arguments: one line, not the whole usage text.
          CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
          e.getCommandLine()
              .getErr()
              .println(
                  "meshctl: "
                      + e.getMessage()
                      + (!spec.mixinStandardHelpOptions()
                          ? ""
                          : " (see `" + spec.qualifiedName() + " --help`)"));
          return EXIT_USAGE;
        });
    return cli.execute(args);
  }

  /**
   * The whole command tree, every command and group answering {@code --help} (and {@code
   * --version}) whether or not its own annotation asks for it.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Meshctl());
    withHelp(cli);
    // `--context dev`: a context may share its name with a command.
    cli.setAllowSubcommandsAsOptionParameters(true);
    return cli;
  }

  private static void withHelp(CommandLine command) {
    CommandLine.Model.CommandSpec spec = command.getCommandSpec();
    if (!spec.mixinStandardHelpOptions()
        && !(command.getCommand() instanceof CommandLine.HelpCommand)) {
      spec.mixinStandardHelpOptions(true);
    }
    command.getSubcommands().values().forEach(Meshctl::withHelp);
  }

  /** One line saying what went wrong, never a stack trace. */
  static String describe(Throwable e) {
    if (e instanceof StatusRuntimeException sre) {
      String d = sre.getStatus().getDescription();
      String reason = StatusReason.of(sre);
      return sre.getStatus().getCode()
          + (d == null ? "" : ": " + d)
          + (reason.isEmpty() ? "" : " [" + reason + "]");
    }
    if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /**
   * The exit code of a failed command (the table is the root command's {@code exitCodeList}, shown
   * by {@code meshctl --help} and in the man pages).
   */
  static int exitCode(Throwable e) {
    if (e instanceof StatusRuntimeException sre) {
      return switch (sre.getStatus().getCode()) {
        case NOT_FOUND -> 3;
        case PERMISSION_DENIED, UNAUTHENTICATED -> 4;
        case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 5;
        case ABORTED, ALREADY_EXISTS -> 6;
        case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED -> 7;
        default -> 1;
      };
    }
    if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
      return EXIT_USAGE;
    }
    return 1;
  }
}
