package io.meshdesk.identity.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Small JDBC helpers shared by the identity stores. */
final class Sql {

  private Sql() {}

  /** Row mapper. */
  @FunctionalInterface
  interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant in) {
        ps.setTimestamp(i + 1, Timestamp.from(in));
      } else if (a instanceof UUID[] ids) {
        ps.setArray(i + 1, c.createArrayOf("uuid", ids));
      } else if (a instanceof String[] strings) {
        ps.setArray(i + 1, c.createArrayOf("text", strings));
      } else {
        ps.setObject(i + 1, a);
      }
    }
    return ps;
  }

  static <T> List<T> list(Connection c, Mapper<T> mapper, String sql, Object... args)
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

  static <T> java.util.Optional<T> one(Connection c, Mapper<T> mapper, String sql, Object... args)
      throws SQLException {
    List<T> rows = list(c, mapper, sql, args);
    return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.getFirst());
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args)) {
      return ps.executeUpdate();
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
    Array a = rs.getArray(column);
    return a == null ? List.of() : Arrays.asList((UUID[]) a.getArray());
  }

  static List<String> strings(ResultSet rs, String column) throws SQLException {
    Array a = rs.getArray(column);
    return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
  }

  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }
}
