package io.meshdesk.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.health.HealthCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The application's connection pool. It connects as the application role, which owns nothing and
 * cannot bypass row-level security.
 */
public final class Database implements AutoCloseable {

  private final DatabaseConfig config;
  private final HikariDataSource pool;
  private final DataSource dataSource;
  private final DataSource background;

  public Database(DatabaseConfig config, String poolName) {
    this.config = config;
    HikariConfig hc = new HikariConfig();
    hc.setPoolName(poolName);
    hc.setJdbcUrl(config.jdbcUrl());
    hc.setUsername(config.user());
    hc.setPassword(config.password());
    hc.setMaximumPoolSize(config.poolSize());
    hc.setMinimumIdle(Math.min(2, config.poolSize()));
    hc.setConnectionTimeout(5_000);
    hc.setValidationTimeout(2_000);
    hc.setAutoCommit(false);
    hc.setInitializationFailTimeout(-1);
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    hc.addDataSourceProperty("tcpKeepAlive", "true");
    hc.addDataSourceProperty("ApplicationName", poolName);
    this.pool = new HikariDataSource(hc);
    this.dataSource = PoolViews.requests(pool, hc.getConnectionTimeout());
    this.background = PoolViews.background(pool, Math.max(1, config.poolSize() / 4));
  }

  /**
   * The pooled data source for request handlers (connections have auto-commit off). Waiting for a
   * connection is bounded by the current gRPC call's deadline; past it {@link
   * PoolExhaustedException} is thrown.
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * The same pool for background work (outbox relay, sweeps, schedulers): it may hold at most a
   * quarter of the pool's connections at once, so requests always find the rest.
   */
  public DataSource backgroundDataSource() {
    return background;
  }

  /** The settings this pool was built from. */
  public DatabaseConfig config() {
    return config;
  }

  /** A health check that runs {@code select 1} through the pool. */
  public HealthCheck healthCheck() {
    return new HealthCheck() {
      @Override
      public String name() {
        return "postgresql";
      }

      @Override
      public boolean healthy() {
        try (Connection c = pool.getConnection();
            Statement s = c.createStatement()) {
          s.setQueryTimeout(2);
          s.execute("select 1");
          c.rollback();
          return true;
        } catch (SQLException | RuntimeException e) {
          return false;
        }
      }
    };
  }

  @Override
  public void close() {
    pool.close();
  }
}
