package io.meshdesk.cli.bench;

import io.meshdesk.platform.auth.Role;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The servers a benchmark measures with their own embedded PostgreSQL and Redis. By default they
 * run in a JVM of their own ({@link RemoteSut}), so the load generator never competes with them for
 * the same heap, JIT and garbage collector; {@code --in-process} runs them in the bench's JVM
 * ({@link LocalSut}) for quick runs, and every result says which it was.
 */
public interface SystemUnderTest extends AutoCloseable {

  /** Which servers to start. */
  enum Kind {
    /** ticket-server instance(s) sharing one database and Redis. */
    TICKET,
    /** one ledger-server. */
    LEDGER,
    /** two reminder dispatch instances (no gRPC server: driven by {@link #request}). */
    REMINDERS
  }

  /**
   * What to start.
   *
   * @param kind the servers
   * @param instances how many servers of that kind share the database (ticket), or dispatch workers
   *     per instance (reminders)
   * @param poolSize each server's PostgreSQL connection pool
   * @param durable PostgreSQL with fsync and synchronous_commit on
   */
  record Spec(Kind kind, int instances, int poolSize, boolean durable) {}

  /**
   * Starts {@code spec} in its own JVM with {@code jvmOptions}, or in this one when {@code
   * inProcess} (where JVM options cannot apply).
   */
  static SystemUnderTest start(
      Spec spec, boolean inProcess, List<String> jvmOptions, PrintStream log) throws Exception {
    if (inProcess && !jvmOptions.isEmpty()) {
      throw new IllegalArgumentException(
          "--sut-java-opts needs the servers in their own JVM (drop --in-process)");
    }
    return inProcess ? LocalSut.start(spec, log) : RemoteSut.start(spec, jvmOptions, log);
  }

  /** The servers' gRPC {@code host:port}, in start order. */
  List<String> targets();

  /** An access token the servers trust. */
  String token(UUID tenant, UUID user, Role role);

  /**
   * Closes {@code card}'s cycle through the ledger's statement service; returns the statement id
   * (ledger only).
   */
  String closeCard(UUID tenant, String card, LocalDate asOf);

  /**
   * A scenario-specific request line, answered by the servers' side (e.g. {@code
   * reminders-states}).
   */
  String request(String line);

  /** The embedded PostgreSQL's port on loopback (superuser postgres/postgres), for the floor. */
  int postgresPort();

  /** The spec it was started with. */
  Spec spec();

  /** Where the servers run, printed beside every result. */
  default String label() {
    return (this instanceof RemoteSut
            ? "servers in their own JVM"
            : "IN-PROCESS: servers share the load generator's JVM")
        + "; PostgreSQL "
        + (spec().durable()
            ? "durable (fsync, synchronous_commit on)"
            : "FAST (fsync, synchronous_commit off)")
        + "; pool "
        + spec().poolSize();
  }

  @Override
  void close();
}
