package io.meshdesk.ticket.persistence;

import com.google.protobuf.Timestamp;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Small JDBC helpers shared by the stores. */
public final class Sql {

  private Sql() {}

  /** Reads a nullable timestamptz. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** Binds a nullable instant. */
  public static void setInstant(PreparedStatement ps, int i, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  /** Binds a nullable uuid given as a string (empty = null). */
  public static void setUuid(PreparedStatement ps, int i, String value) throws SQLException {
    if (value == null || value.isEmpty()) {
      ps.setNull(i, Types.OTHER);
    } else {
      ps.setObject(i, UUID.fromString(value));
    }
  }

  /** A nullable uuid column as a string ("" for null). */
  public static String uuidString(ResultSet rs, String column) throws SQLException {
    Object o = rs.getObject(column);
    return o == null ? "" : o.toString();
  }

  /** Instant to protobuf timestamp. */
  public static Timestamp ts(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  /** Protobuf timestamp to instant; null when unset (seconds and nanos zero). */
  public static Instant instant(Timestamp t) {
    return t == null || (t.getSeconds() == 0 && t.getNanos() == 0)
        ? null
        : Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** Truncates to PostgreSQL's microsecond precision, so values read back compare equal. */
  public static Instant micros(Instant i) {
    return i.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }
}
