package io.meshdesk.platform.db;

import java.sql.SQLException;

/** An unchecked wrapper of a JDBC failure; the status mapper inspects its SQL state. */
public class DataAccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DataAccessException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** The PostgreSQL SQL state, e.g. {@code 23505} or {@code 40001}. */
  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }
}
