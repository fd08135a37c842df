package io.meshdesk.cli.bench;

import io.meshdesk.platform.auth.Role;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench sut} (hidden): the servers-under-test side of a benchmark, started by {@link
 * RemoteSut} in a JVM of its own. Prints one {@code SUT-READY} line on stdout, then answers one
 * request per stdin line ({@code token TENANT USER ROLE}, {@code close-card TENANT CARD DATE}) with
 * {@code OK value} or {@code ERR message}, and stops when stdin closes.
 */
@Command(
    name = "sut",
    hidden = true,
    description = "Run the servers a benchmark measures (started by meshctl bench).")
public final class SutCommand implements Callable<Integer> {

  @Option(names = "--kind", required = true, description = "ticket, ledger or reminders.")
  SystemUnderTest.Kind kind;

  @Option(names = "--instances", defaultValue = "1")
  int instances;

  @Option(names = "--pool-size", defaultValue = "24")
  int poolSize;

  @Option(names = "--durable", negatable = true, defaultValue = "true")
  boolean durable;

  @Override
  public Integer call() throws Exception {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    try (LocalSut sut =
        LocalSut.start(new SystemUnderTest.Spec(kind, instances, poolSize, durable), System.err)) {
      out.println(
          RemoteSut.READY
              + " pg="
              + sut.postgresPort()
              + " pid="
              + ProcessHandle.current().pid()
              + " targets="
              + String.join(",", sut.targets()));
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        out.println(answer(sut, line.trim().split("\\s+")));
      }
    }
    return 0;
  }

  private static String answer(LocalSut sut, String[] words) {
    try {
      return switch (words[0]) {
        case "token" ->
            "OK "
                + sut.token(
                    UUID.fromString(words[1]),
                    UUID.fromString(words[2]),
                    Role.valueOf(words[3].toUpperCase(Locale.ROOT)));
        case "close-card" ->
            "OK " + sut.closeCard(UUID.fromString(words[1]), words[2], LocalDate.parse(words[3]));
        default -> "OK " + sut.request(String.join(" ", words));
      };
    } catch (RuntimeException e) {
      return "ERR "
          + e.getClass().getSimpleName()
          + ": "
          + String.valueOf(e.getMessage()).replace('\n', ' ');
    }
  }
}
