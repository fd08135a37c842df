package io.meshdesk.platform.db;

import io.meshdesk.platform.errors.UnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Runs JDBC work in a transaction. Tenant work first sets {@code app.tenant_id} for the
 * transaction only ({@code set_config(..., true)}), which is what the row-level security policies
 * read: a transaction that forgets it sees no tenant rows at all.
 */
public final class Transactions {

  private final DataSource dataSource;

  public Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Work that runs on one connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in a transaction scoped to {@code tenantId}, commits and returns its result. */
  public <T> T inTenant(UUID tenantId, Work<T> work) {
    Objects.requireNonNull(tenantId, "tenantId");
    return run(tenantId, work);
  }

  /** Runs {@code work} in a transaction with no tenant set (tenant tables read empty). */
  public <T> T withoutTenant(Work<T> work) {
    return run(null, work);
  }

  private <T> T run(UUID tenantId, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (tenantId != null) {
          setTenant(c, tenantId);
        }
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        safeRollback(c);
        throw e;
      }
    } catch (SQLTransientConnectionException e) {
      throw new UnavailableException("database unavailable: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
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
