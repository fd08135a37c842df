package io.meshdesk.testing;

import io.meshdesk.platform.config.RedisConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Real Redis deployments made of separate {@code redis-server} processes on loopback, for tests of
 * what embedded Redis cannot show: a primary with a replica and three Sentinels that fail over when
 * the primary is killed, and a three-primary Redis Cluster. Needs Debian's {@code redis-server},
 * {@code redis-sentinel} and {@code redis-cli} on the PATH ({@code .ci/run} installs them); without
 * them the test fails with a message saying so, it is never skipped.
 */
public final class RedisProcesses {

  private RedisProcesses() {}

  /** One redis-server (or sentinel) process. */
  public static final class Node implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final List<String> command;
    private Process process;

    private Node(int port, Path dir, List<String> command) {
      this.port = port;
      this.dir = dir;
      this.command = command;
    }

    /** The port it listens on (loopback). */
    public int port() {
      return port;
    }

    /** Whether the process runs. */
    public boolean alive() {
      return process != null && process.isAlive();
    }

    /** Kills it with SIGKILL: no shutdown, no save, as a crashed host would. */
    public void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Starts it again with the same configuration (and whatever its config file now says). */
    public void restart() {
      start();
    }

    private Node start() {
      try {
        process =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile())
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "could not start " + command.getFirst() + ": " + e.getMessage(), e);
      }
      Awaitility.await("redis on port " + port)
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> "PONG".equals(cli(port, "PING")));
      return this;
    }

    @Override
    public void close() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  /** A primary, one replica and three Sentinels monitoring them as {@code master}. */
  public static final class Sentinel implements AutoCloseable {
    /** The name the Sentinels monitor. */
    public static final String MASTER = "meshdesk";

    private final Node primary;
    private final Node replica;
    private final List<Node> sentinels;
    private final Path root;

    private Sentinel(Path root, Node primary, Node replica, List<Node> sentinels) {
      this.root = root;
      this.primary = primary;
      this.replica = replica;
      this.sentinels = sentinels;
    }

    /** Client settings through the Sentinels, keys under {@code keyPrefix}. */
    public RedisConfig config(String keyPrefix) {
      return new RedisConfig(
          RedisConfig.Mode.SENTINEL,
          sentinels.stream().map(s -> "redis://127.0.0.1:" + s.port()).toList(),
          MASTER,
          "",
          keyPrefix);
    }

    /** The Sentinels' addresses as {@code redis://host:port,...} (for MESHDESK_REDIS_URL). */
    public String sentinelUrls() {
      return String.join(",", config("").addresses());
    }

    /** The port of the node the Sentinels currently call primary. */
    public int currentPrimaryPort() {
      for (Node s : sentinels) {
        if (s.alive()) {
          String[] addr = cli(s.port(), "SENTINEL", "get-master-addr-by-name", MASTER).split("\n");
          if (addr.length == 2) {
            return Integer.parseInt(addr[1].trim());
          }
        }
      }
      throw new IllegalStateException("no Sentinel answered");
    }

    /** The node that is primary now. */
    public Node currentPrimary() {
      int port = currentPrimaryPort();
      return primary.port() == port ? primary : replica;
    }

    /**
     * Kills the current primary and waits until the Sentinels have promoted the replica; returns
     * how long that took.
     */
    public Duration killPrimaryAndAwaitFailover(Duration atMost) {
      Node old = currentPrimary();
      long t0 = System.nanoTime();
      old.kill();
      Awaitility.await("Sentinel failover")
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> currentPrimaryPort() != old.port());
      return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public void close() {
      sentinels.forEach(Node::close);
      replica.close();
      primary.close();
      deleteTree(root);
    }
  }

  /** A Redis Cluster of primaries only (no replicas). */
  public static final class Cluster implements AutoCloseable {
    private final List<Node> nodes;
    private final Path root;

    private Cluster(Path root, List<Node> nodes) {
      this.root = root;
      this.nodes = nodes;
    }

    /** Client settings for the cluster, keys under {@code keyPrefix}. */
    public RedisConfig config(String keyPrefix) {
      return new RedisConfig(
          RedisConfig.Mode.CLUSTER,
          nodes.stream().map(n -> "redis://127.0.0.1:" + n.port()).toList(),
          "",
          "",
          keyPrefix);
    }

    /** The nodes. */
    public List<Node> nodes() {
      return nodes;
    }

    /** How many keys each primary holds, in node order. */
    public List<Long> keysPerNode() {
      return nodes.stream().map(n -> Long.parseLong(cli(n.port(), "DBSIZE").trim())).toList();
    }

    @Override
    public void close() {
      nodes.forEach(Node::close);
      deleteTree(root);
    }
  }

  /** Starts a primary, a replica and three Sentinels (quorum 2, a primary is down after 1 s). */
  public static Sentinel sentinel() {
    Path root = tempDir("redis-sentinel-");
    List<Node> started = new ArrayList<>();
    try {
      Node primary = server(root, "primary", freePort(), List.of());
      started.add(primary);
      Node replica =
          server(
              root,
              "replica",
              freePort(),
              List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port())));
      started.add(replica);
      Awaitility.await("replica in sync")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> cli(replica.port(), "INFO", "replication").contains("master_link_status:up"));
      List<Node> sentinels = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int port = freePort();
        Path dir = Files.createDirectories(root.resolve("sentinel-" + i));
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(
            conf,
            String.join(
                "\n",
                "port " + port,
                "bind 127.0.0.1",
                "dir " + dir,
                "sentinel resolve-hostnames no",
                "sentinel monitor " + Sentinel.MASTER + " 127.0.0.1 " + primary.port() + " 2",
                "sentinel down-after-milliseconds " + Sentinel.MASTER + " 1000",
                "sentinel failover-timeout " + Sentinel.MASTER + " 5000",
                "sentinel parallel-syncs " + Sentinel.MASTER + " 1",
                ""),
            StandardCharsets.UTF_8);
        Node s = new Node(port, dir, List.of(binary("redis-sentinel"), conf.toString())).start();
        sentinels.add(s);
        started.add(s);
      }
      Sentinel deployment = new Sentinel(root, primary, replica, sentinels);
      Awaitility.await("Sentinels see the replica and each other")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  sentinels.stream()
                      .allMatch(
                          s -> {
                            String info = cli(s.port(), "SENTINEL", "master", Sentinel.MASTER);
                            return info.contains("num-slaves\n1")
                                && info.contains("num-other-sentinels\n2");
                          }));
      return deployment;
    } catch (IOException | RuntimeException e) {
      started.forEach(Node::close);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /**
   * Starts {@code primaries} cluster-enabled servers and joins them into one cluster covering every
   * slot.
   */
  public static Cluster cluster(int primaries) {
    Path root = tempDir("redis-cluster-");
    List<Node> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < primaries; i++) {
        nodes.add(
            server(
                root,
                "node-" + i,
                freeClusterPort(),
                List.of(
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes.conf",
                    "--cluster-node-timeout",
                    "2000")));
      }
      List<String> create = new ArrayList<>(List.of(binary("redis-cli"), "--cluster", "create"));
      nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      run(create, Duration.ofSeconds(60));
      Awaitility.await("cluster state ok")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  nodes.stream()
                      .allMatch(
                          n -> cli(n.port(), "CLUSTER", "INFO").contains("cluster_state:ok")));
      return new Cluster(root, nodes);
    } catch (RuntimeException e) {
      nodes.forEach(Node::close);
      throw e;
    }
  }

  private static Node server(Path root, String name, int port, List<String> extra) {
    try {
      Path dir = Files.createDirectories(root.resolve(name));
      List<String> command =
          new ArrayList<>(
              List.of(
                  binary("redis-server"),
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--dir",
                  dir.toString(),
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--protected-mode",
                  "no"));
      command.addAll(extra);
      return new Node(port, dir, command).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code redis-cli -p port args...}; returns its output, or "" when it failed. */
  public static String cli(int port, String... args) {
    List<String> command =
        new ArrayList<>(List.of(binary("redis-cli"), "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    try {
      return run(command, Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String run(List<String> command, Duration timeout) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String binary(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IllegalStateException(
        name
            + " is not installed: these tests run real Redis processes; install"
            + " Debian's redis-server and redis-sentinel (apt-get install redis-server redis-sentinel; .ci/run does)");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free port whose cluster bus port (port + 10000) is free too. */
  private static int freeClusterPort() {
    for (int i = 0; i < 100; i++) {
      int port = freePort();
      if (port < 55_000) {
        try (ServerSocket bus = new ServerSocket(port + 10_000)) {
          return port;
        } catch (IOException busy) {
          // try another
        }
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }
}
