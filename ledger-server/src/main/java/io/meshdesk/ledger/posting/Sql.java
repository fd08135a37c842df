package io.meshdesk.ledger.posting;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/** Small JDBC helpers shared by the ledger's stores. */
public final class Sql {

  private Sql() {}

  /** A {@code uuid[]} parameter. */
  public static Array uuids(Connection c, Collection<UUID> ids) throws SQLException {
    return c.createArrayOf("uuid", ids.toArray());
  }

  /** A {@code text[]} parameter. */
  public static Array texts(Connection c, Collection<String> values) throws SQLException {
    return c.createArrayOf("text", values.toArray());
  }

  /** A {@code bigint[]} parameter. */
  public static Array longs(Connection c, Collection<Long> values) throws SQLException {
    return c.createArrayOf("bigint", values.toArray());
  }

  /** An {@code int[]} parameter. */
  public static Array ints(Connection c, Collection<Integer> values) throws SQLException {
    return c.createArrayOf("integer", values.toArray());
  }

  /** A timestamp parameter, or null. */
  public static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /** An instant as text PostgreSQL casts to timestamptz exactly, or null. */
  public static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** A uuid as text, or null. */
  public static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
