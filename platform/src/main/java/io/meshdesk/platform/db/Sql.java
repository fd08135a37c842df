package io.meshdesk.platform.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The JDBC helpers every store shares: statements with positional arguments, nullable column reads
 * and binds, PostgreSQL array parameters and SQLSTATE checks. Timestamps are {@code timestamptz}
 * throughout.
 */
public final class Sql {

  private static final String UNIQUE_VIOLATION = "23505";

  private Sql() {}

  /** Turns the current row of a result set into a value. */
  @FunctionalInterface
  public interface RowMapper<T> {
    /** The value for the current row. */
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * A statement with its arguments bound in order: an {@link Instant} as a timestamp, a {@code
   * UUID[]} or {@code String[]} as a PostgreSQL array, anything else as is.
   */
  public static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        bind(c, ps, i + 1, args[i]);
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  private static void bind(Connection c, PreparedStatement ps, int i, Object a)
      throws SQLException {
    switch (a) {
      case Instant in -> ps.setTimestamp(i, Timestamp.from(in));
      case UUID[] ids -> ps.setArray(i, c.createArrayOf("uuid", ids));
      case String[] strings -> ps.setArray(i, c.createArrayOf("text", strings));
      case null, default -> ps.setObject(i, a);
    }
  }

  /** Every row the query returns, mapped in order. */
  public static <T> List<T> list(Connection c, RowMapper<T> mapper, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    }
  }

  /** The first row the query returns, if any. */
  public static <T> Optional<T> one(Connection c, RowMapper<T> mapper, String sql, Object... args)
      throws SQLException {
    List<T> rows = list(c, mapper, sql, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  /** Runs an insert, update or delete; the number of rows it touched. */
  public static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args)) {
      return ps.executeUpdate();
    }
  }

  /** Whether the failure is a unique-constraint violation. */
  public static boolean isUniqueViolation(SQLException e) {
    return UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  /** A nullable {@code timestamptz} column. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** A nullable {@code uuid} column. */
  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  /** A nullable {@code uuid} column as a string, {@code ""} for null. */
  public static String uuidString(ResultSet rs, String column) throws SQLException {
    Object o = rs.getObject(column);
    return o == null ? "" : o.toString();
  }

  /** A {@code uuid[]} column; empty for null. */
  public static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
    Array a = rs.getArray(column);
    return a == null ? List.of() : Arrays.asList((UUID[]) a.getArray());
  }

  /** A {@code text[]} column; empty for null. */
  public static List<String> strings(ResultSet rs, String column) throws SQLException {
    Array a = rs.getArray(column);
    return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
  }

  /** Binds a nullable instant as {@code timestamptz}. */
  public static void setInstant(PreparedStatement ps, int i, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  /** Binds a nullable uuid given as a string; null or empty binds SQL null. */
  public static void setUuid(PreparedStatement ps, int i, String value) throws SQLException {
    if (value == null || value.isEmpty()) {
      ps.setNull(i, Types.OTHER);
    } else {
      ps.setObject(i, UUID.fromString(value));
    }
  }

  /** A timestamp parameter, or null. */
  public static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

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

  /** An instant as text PostgreSQL casts to {@code timestamptz} exactly, or null. */
  public static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** A uuid as text, or null. */
  public static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  /** Truncates to PostgreSQL's microsecond precision, so values read back compare equal. */
  public static Instant micros(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS);
  }
}
