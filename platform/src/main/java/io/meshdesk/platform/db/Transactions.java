package io.meshdesk.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import io.meshdesk.platform.errors.UnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Runs JDBC work in a transaction. Tenant work first sets {@code app.tenant_id} for the transaction
 * only ({@code set_config(..., true)}), which is what the row-level security policies read: a
 * transaction that forgets it sees no tenant rows at all.
 */
public final class Transactions {

  /** Set while the current thread's work runs a statement that ends with its own COMMIT. */
  private static final ThreadLocal<Boolean> COMMITTING_IN_STATEMENT = new ThreadLocal<>();

  /**
   * Suffix of a statement that commits the transaction itself: the statement, the commit and the
   * release of its row locks then cost one round trip. Call {@link #committingInStatement()} right
   * before executing it.
   */
  public static final String COMMIT = "; commit";

  private final DataSource dataSource;

  public Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The pool the transactions run on (for a store that opens its own sessions over it). */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Work that runs on one connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction scoped to {@code tenantId}, commits and returns its result.
   * When the connection turns out to be dead before the commit, the work runs once more on a fresh
   * connection, so it must only touch the database.
   */
  public <T> T inTenant(UUID tenantId, Work<T> work) {
    Objects.requireNonNull(tenantId, "tenantId");
    return run(tenantId, work);
  }

  /** Runs {@code work} in a transaction with no tenant set (tenant tables read empty). */
  public <T> T withoutTenant(Work<T> work) {
    return run(null, work);
  }

  private <T> T run(UUID tenantId, Work<T> work) {
    BrokenBeforeCommit last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return attempt(tenantId, work);
      } catch (BrokenBeforeCommit e) {
        // The pooled connection was dead (PostgreSQL restarted, the network cut it, an operator
        // terminated it) and nothing was committed. Its idle siblings are likely dead too: evict
        // them all, then try again on a fresh connection, hiding the fault from the caller.
        last = e;
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
          hikari.getHikariPoolMXBean().softEvictConnections();
        }
      }
    }
    throw new UnavailableException(
        "database unavailable: " + last.getCause().getMessage(), last.getCause());
  }

  private <T> T attempt(UUID tenantId, Work<T> work) {
    boolean committing = false;
    COMMITTING_IN_STATEMENT.remove();
    try (Connection c = dataSource.getConnection()) {
      try {
        c.setAutoCommit(false);
        if (tenantId != null) {
          setTenant(c, tenantId);
        }
        T result = work.run(c);
        committing = true;
        // A no-op when the work's last statement already committed (the driver knows the
        // transaction is closed).
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        safeRollback(c);
        SQLException sql = sqlCause(e);
        committing |= COMMITTING_IN_STATEMENT.get() != null;
        if (!committing && sql != null && isConnectionFailure(sql)) {
          throw new BrokenBeforeCommit(sql);
        }
        if (committing && sql != null && isConnectionFailure(sql)) {
          throw new UnavailableException(
              "database connection lost while committing, retry: " + sql.getMessage(), sql);
        }
        throw e;
      } finally {
        COMMITTING_IN_STATEMENT.remove();
      }
    } catch (SQLTransientConnectionException e) {
      throw new UnavailableException("database unavailable: " + e.getMessage(), e);
    } catch (SQLException e) {
      if (isConnectionFailure(e)) {
        // Lost while committing: the outcome is unknown to us; the caller retries (writes carry
        // idempotency keys).
        throw new UnavailableException("database connection lost, retry: " + e.getMessage(), e);
      }
      throw new DataAccessException(e);
    }
  }

  /** SQL states of a dead or dying connection (class 08, admin shutdown, crash shutdown). */
  static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"));
  }

  private static SQLException sqlCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  /** Internal signal: the connection broke before anything was committed. */
  private static final class BrokenBeforeCommit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokenBeforeCommit(SQLException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /**
   * Declares, from inside a unit of work, that the next statement ends with {@link #COMMIT}. From
   * then on a lost connection leaves the outcome unknown, so the work is not run again (the caller
   * sees UNAVAILABLE and retries with its idempotency key, exactly as for a lost commit).
   */
  public static void committingInStatement() {
    COMMITTING_IN_STATEMENT.set(Boolean.TRUE);
  }

  /** Sets the transaction-local tenant on an open transaction. */
  public static void setTenant(Connection c, UUID tenantId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
      ps.setString(1, tenantId.toString());
      ps.execute();
    }
  }

  private static void safeRollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; the pool discards it and PostgreSQL rolls back on its own.
    }
  }
}
