package io.meshdesk.dist;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The distribution archive built by this module's package phase, unpacked once per test JVM, and
 * its launchers started as separate OS processes.
 */
public final class Distribution {

  private static Path home;

  private Distribution() {}

  /** The unpacked {@code meshdesk-<version>} directory. */
  public static synchronized Path home() throws IOException, InterruptedException {
    if (home == null) {
      Path archive = Path.of(System.getProperty("meshdesk.dist.archive", "target/meshdesk.tar.gz"));
      if (!Files.isRegularFile(archive)) {
        throw new IllegalStateException(
            "no distribution archive at " + archive + "; run the package phase first");
      }
      Path dir = Files.createTempDirectory("meshdesk-dist");
      Process tar =
          new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", dir.toString())
              .inheritIO()
              .start();
      if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
        throw new IllegalStateException("could not unpack " + archive);
      }
      try (var entries = Files.list(dir)) {
        home = entries.findFirst().orElseThrow();
      }
    }
    return home;
  }

  /**
   * The environment of a launched server: the JDK running the tests, the database reached as {@code
   * user}, Redis, nothing inherited from the build's {@code MESHDESK_*} or JVM options.
   */
  static Map<String, String> environment(
      DatabaseConfig db, String user, String password, RedisConfig redis) {
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
    env.put("MESHDESK_DATABASE_URL", db.jdbcUrl());
    env.put("MESHDESK_DATABASE_USER", user);
    env.put("MESHDESK_DATABASE_PASSWORD", password);
    env.put("MESHDESK_DATABASE_POOL_SIZE", "4");
    env.put("MESHDESK_REDIS_URL", redis.addresses().getFirst());
    env.put("MESHDESK_REDIS_KEY_PREFIX", redis.keyPrefix());
    // Plaintext on loopback, opted into explicitly (servers refuse to start otherwise).
    env.put("MESHDESK_TLS_DISABLED", "true");
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    env.put("MESHDESK_KEY_ENCRYPTION_KEY", java.util.Base64.getEncoder().encodeToString(key));
    return env;
  }

  /**
   * Starts {@code bin/<launcher> args} with exactly {@code env}, output (both streams) to {@code
   * log}.
   */
  public static Process launch(String launcher, Map<String, String> env, Path log, String... args)
      throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = home().resolve("bin").resolve(launcher).toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("MESHDESK_") || k.startsWith("JAVA") || k.startsWith("JDK_"));
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Runs a launcher to completion (at most a minute) and returns its exit code. */
  public static int run(String launcher, Map<String, String> env, Path log, String... args)
      throws IOException, InterruptedException {
    Process p = launch(launcher, env, log, args);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(launcher + " did not finish within a minute");
    }
    return p.exitValue();
  }

  /**
   * A currently free local port, never one this JVM was given before: the kernel may hand the port
   * just released to the next {@code bind(0)}, and two servers told to listen on the same port make
   * the second fail to start.
   */
  public static int freePort() throws IOException {
    synchronized (GIVEN) {
      while (true) {
        try (ServerSocket s = new ServerSocket(0)) {
          if (GIVEN.add(s.getLocalPort())) {
            return s.getLocalPort();
          }
        }
      }
    }
  }

  private static final Set<Integer> GIVEN = new HashSet<>();
}
