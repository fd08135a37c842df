package io.meshdesk.cli.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The floor every scenario is compared with: pgbench's TPC-B-like and select-only transactions, run
 * over JDBC from the load generator's JVM against the same PostgreSQL server the system under test
 * uses, with as many connections as one server's pool. A ratio to the floor travels between
 * machines; an absolute figure does not.
 */
public final class Floor {

  /** What the floor measured. */
  public record Result(BenchResult tpcb, BenchResult selectOnly) {

    /** TPC-B-like transactions per second. */
    public double tpcbTps() {
      return tpcb.throughputPerSecond();
    }

    /** Select-only transactions per second. */
    public double selectTps() {
      return selectOnly.throughputPerSecond();
    }
  }

  private static final int ACCOUNTS_PER_BRANCH = 100_000;
  private static final int TELLERS_PER_BRANCH = 10;

  private final String url;
  private final int connections;
  private final int scale;

  /**
   * @param postgresPort the system under test's PostgreSQL on loopback (superuser postgres)
   * @param connections one server's pool size
   * @param scale pgbench's scale factor (branches; 100,000 accounts each)
   */
  public Floor(int postgresPort, int connections, int scale) {
    this.url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/";
    this.connections = connections;
    this.scale = scale;
  }

  /** Loads pgbench's tables into a database of their own, then measures both transactions. */
  public Result measure(Duration warmup, Duration duration, PrintStream log) throws Exception {
    log.printf(
        "floor: loading pgbench tables at scale %d (%,d accounts)...%n",
        scale, (long) scale * ACCOUNTS_PER_BRANCH);
    load();
    BenchResult tpcb = run("floor.tpcb_like", warmup, duration, log, this::tpcb);
    BenchResult select = run("floor.select_only", warmup, duration, log, this::selectOnly);
    return new Result(tpcb, select);
  }

  @FunctionalInterface
  private interface Transaction {
    void run(Connection c, ThreadLocalRandom random) throws SQLException;
  }

  private BenchResult run(
      String name, Duration warmup, Duration duration, PrintStream log, Transaction tx)
      throws Exception {
    List<Connection> pool = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        Connection c = connect("floor");
        c.setAutoCommit(false);
        pool.add(c);
      }
      java.util.concurrent.BlockingQueue<Connection> free =
          new java.util.concurrent.LinkedBlockingQueue<>(pool);
      LoadGenerator.Operation op =
          seq -> {
            Connection c = free.take();
            try {
              tx.run(c, ThreadLocalRandom.current());
            } catch (SQLException e) {
              c.rollback();
              throw e;
            } finally {
              free.add(c);
            }
          };
      LatencyStats stats = new LatencyStats();
      LoadGenerator.closedLoop(op, connections, warmup, stats);
      stats.reset();
      try (Progress p = Progress.over(name, stats, duration, log)) {
        LoadGenerator.closedLoop(op, connections, duration, stats);
      }
      return BenchResult.of(
          name,
          stats,
          duration.toMillis() / 1000.0,
          Map.of(
              "connections",
              connections,
              "scale",
              scale,
              "client",
              "JDBC from the load generator's JVM"));
    } finally {
      for (Connection c : pool) {
        c.close();
      }
    }
  }

  private void tpcb(Connection c, ThreadLocalRandom r) throws SQLException {
    int aid = r.nextInt(1, scale * ACCOUNTS_PER_BRANCH + 1);
    int bid = r.nextInt(1, scale + 1);
    int tid = r.nextInt(1, scale * TELLERS_PER_BRANCH + 1);
    int delta = r.nextInt(-5000, 5001);
    try (PreparedStatement a =
            c.prepareStatement(
                "update pgbench_accounts set abalance = abalance + ? where aid = ?");
        PreparedStatement s =
            c.prepareStatement("select abalance from pgbench_accounts where aid = ?");
        PreparedStatement t =
            c.prepareStatement("update pgbench_tellers set tbalance = tbalance + ? where tid = ?");
        PreparedStatement b =
            c.prepareStatement(
                "update pgbench_branches set bbalance = bbalance + ? where bid = ?");
        PreparedStatement h =
            c.prepareStatement(
                "insert into pgbench_history (tid, bid, aid, delta, mtime) values (?, ?, ?, ?, current_timestamp)")) {
      a.setInt(1, delta);
      a.setInt(2, aid);
      a.executeUpdate();
      s.setInt(1, aid);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
      }
      t.setInt(1, delta);
      t.setInt(2, tid);
      t.executeUpdate();
      b.setInt(1, delta);
      b.setInt(2, bid);
      b.executeUpdate();
      h.setInt(1, tid);
      h.setInt(2, bid);
      h.setInt(3, aid);
      h.setInt(4, delta);
      h.executeUpdate();
    }
    c.commit();
  }

  private void selectOnly(Connection c, ThreadLocalRandom r) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select abalance from pgbench_accounts where aid = ?")) {
      s.setInt(1, r.nextInt(1, scale * ACCOUNTS_PER_BRANCH + 1));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
      }
    }
    c.commit();
  }

  private void load() throws SQLException {
    try (Connection admin = connect("postgres");
        Statement st = admin.createStatement()) {
      st.execute("drop database if exists floor");
      st.execute("create database floor");
    }
    try (Connection c = connect("floor");
        Statement st = c.createStatement()) {
      st.execute(
          "create table pgbench_branches (bid int not null primary key, bbalance int, filler char(88))");
      st.execute(
          "create table pgbench_tellers (tid int not null primary key, bid int, tbalance int, filler char(84))");
      st.execute(
          "create table pgbench_accounts (aid int not null, bid int, abalance int, filler char(84))");
      st.execute(
          "create table pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
      st.execute(
          "insert into pgbench_branches select b, 0, '' from generate_series(1, " + scale + ") b");
      st.execute(
          "insert into pgbench_tellers select t, (t - 1) / "
              + TELLERS_PER_BRANCH
              + " + 1, 0, ''"
              + " from generate_series(1, "
              + scale * TELLERS_PER_BRANCH
              + ") t");
      st.execute(
          "insert into pgbench_accounts select a, (a - 1) / "
              + ACCOUNTS_PER_BRANCH
              + " + 1, 0, ''"
              + " from generate_series(1, "
              + scale * ACCOUNTS_PER_BRANCH
              + ") a");
      st.execute("alter table pgbench_accounts add primary key (aid)");
      st.execute("vacuum analyze");
    }
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url + database, "postgres", "postgres");
  }
}
