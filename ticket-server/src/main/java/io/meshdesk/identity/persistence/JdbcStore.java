package io.meshdesk.identity.persistence;

import io.meshdesk.platform.db.DataAccessException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Base of the identity stores that run hand-written SQL on the connection of one open transaction;
 * a JDBC failure leaves as an unchecked {@link DataAccessException} (the transaction's retry and
 * status mapping still see the SQL state underneath).
 */
abstract class JdbcStore {

  /** A JDBC call on the bound connection. */
  @FunctionalInterface
  interface Call<T> {
    T run(Connection c) throws SQLException;
  }

  private final Connection connection;

  JdbcStore(Connection connection) {
    this.connection = connection;
  }

  final <T> T sql(Call<T> call) {
    try {
      return call.run(connection);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }
}
