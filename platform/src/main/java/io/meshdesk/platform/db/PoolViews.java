package io.meshdesk.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.grpc.Context;
import io.grpc.Deadline;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Two views of one connection pool. Requests wait for a connection at most as long as their gRPC
 * deadline leaves (never the pool's whole timeout for a caller that gave up long ago). Background
 * work (outbox relay, sweeps, schedulers) may hold only a share of the pool at once, so it can
 * never take the connections requests need.
 */
final class PoolViews {

  private PoolViews() {}

  /** Connections for request handlers: the wait is bounded by the current call's deadline. */
  static DataSource requests(HikariDataSource pool, long timeoutMillis) {
    return new View(pool) {
      @Override
      public Connection getConnection() throws SQLException {
        long wait = timeoutMillis;
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null) {
          long left = deadline.timeRemaining(TimeUnit.MILLISECONDS);
          if (left <= 0) {
            throw new PoolExhaustedException(
                "the call's deadline passed before a database connection was free");
          }
          wait = Math.min(wait, left);
        }
        try {
          return ((HikariPool) pool.getHikariPoolMXBean()).getConnection(wait);
        } catch (SQLTransientConnectionException e) {
          if (wait < timeoutMillis) {
            throw new PoolExhaustedException(
                "no database connection was free within the call's deadline (" + wait + " ms)");
          }
          throw e;
        }
      }
    };
  }

  /** Connections for background work: at most {@code share} at once. */
  static DataSource background(HikariDataSource pool, int share) {
    Semaphore permits = new Semaphore(share);
    return new View(pool) {
      @Override
      public Connection getConnection() throws SQLException {
        try {
          if (!permits.tryAcquire(pool.getConnectionTimeout(), TimeUnit.MILLISECONDS)) {
            throw new SQLTransientConnectionException(
                "background work holds its whole share of the pool");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLTransientConnectionException(
              "interrupted waiting for a background connection", e);
        }
        Connection c;
        try {
          c = pool.getConnection();
        } catch (SQLException | RuntimeException e) {
          permits.release();
          throw e;
        }
        return releasingOnClose(c, permits);
      }
    };
  }

  private static Connection releasingOnClose(Connection c, Semaphore permits) {
    AtomicBoolean closed = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                  return method.invoke(c, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                } finally {
                  if (closed.compareAndSet(false, true)) {
                    permits.release();
                  }
                }
              }
              if (method.getName().equals("unwrap")
                  && args != null
                  && args[0] == Connection.class) {
                return c;
              }
              try {
                return method.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Everything but getConnection() goes to the pool. */
  private abstract static class View implements DataSource {
    final HikariDataSource pool;

    View(HikariDataSource pool) {
      this.pool = pool;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("the pool's own credentials only");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return iface.isInstance(pool) ? iface.cast(pool) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return iface.isInstance(pool) || pool.isWrapperFor(iface);
    }
  }
}
