package io.meshdesk.cli;

import io.grpc.ManagedChannel;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.LoginRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs meshctl in this JVM the way a shell would, capturing what it prints and its exit code; and
 * signs in the demo users that {@code meshctl dev} seeds. Shared by the CLI's integration tests.
 */
public final class CliRun {

  private static final Pattern DEMO_PASSWORD = Pattern.compile("password for all: (\\S+?)\\)");

  /** What one meshctl run printed, and its exit code. */
  public record Result(int exit, String out, String err) {}

  private CliRun() {}

  /** Runs meshctl with {@code args} and nothing on standard input. */
  public static Result meshctl(String... args) {
    return withStdin("", args);
  }

  /** Runs meshctl against {@code target} with {@code token}. */
  public static Result against(String target, String token, String... args) {
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--target";
    full[args.length + 1] = target;
    full[args.length + 2] = "--token";
    full[args.length + 3] = token;
    return meshctl(full);
  }

  /**
   * Runs meshctl with {@code stdin} as its standard input (one run at a time: the streams are
   * global).
   */
  public static synchronized Result withStdin(String stdin, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int exit = Meshctl.run(args);
      return new Result(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
  }

  /** The demo users' password that {@code meshctl dev} printed. */
  public static String demoPassword(String devOutput) {
    Matcher m = DEMO_PASSWORD.matcher(devOutput);
    if (!m.find()) {
      throw new AssertionError("dev output names no demo password:\n" + devOutput);
    }
    return m.group(1);
  }

  /** An access token of a demo-tenant user. */
  public static String login(ManagedChannel identity, String email, String password) {
    return IdentityServiceGrpc.newBlockingStub(identity)
        .login(
            LoginRequest.newBuilder()
                .setEmail(email)
                .setPassword(password)
                .setTenantSlug("demo")
                .build())
        .getTokens()
        .getAccessToken();
  }
}
