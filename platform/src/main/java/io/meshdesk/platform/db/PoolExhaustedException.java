package io.meshdesk.platform.db;

import java.sql.SQLTransientConnectionException;

/**
 * No pooled connection became free within what the request had left of its deadline. Mapped to
 * RESOURCE_EXHAUSTED with a retry pushback: the server is saturated, not broken.
 */
public final class PoolExhaustedException extends SQLTransientConnectionException {

  private static final long serialVersionUID = 1L;

  public PoolExhaustedException(String message) {
    super(message);
  }
}
