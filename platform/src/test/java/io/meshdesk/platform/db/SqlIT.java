package io.meshdesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshdesk.platform.embedded.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared JDBC helper against a real PostgreSQL: binds, reads back, arrays and nulls. */
class SqlIT {

  private static EmbeddedPostgresServer postgres;
  private static Connection c;

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456Z");

  @BeforeAll
  static void start() throws SQLException {
    postgres = EmbeddedPostgresServer.start(0, Optional.empty());
    c =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres", "postgres", "postgres");
  }

  @AfterAll
  static void stop() throws SQLException {
    c.close();
    postgres.close();
  }

  @BeforeEach
  void table() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("drop table if exists t");
      s.execute(
          "create table t (id uuid primary key, name text unique, at timestamptz,"
              + " ids uuid[], tags text[], other uuid)");
    }
  }

  @Test
  void positionalArgumentsBindInstantsArraysAndNullsAndReadBack() throws SQLException {
    UUID id = UUID.randomUUID();
    UUID member = UUID.randomUUID();
    int rows =
        Sql.update(
            c,
            "insert into t (id, name, at, ids, tags, other) values (?, ?, ?, ?, ?, ?)",
            id,
            "a",
            AT,
            new UUID[] {member},
            new String[] {"x", "y"},
            null);

    List<Row> read = Sql.list(c, Row::read, "select * from t where id = ?", id);

    assertThat(rows).isEqualTo(1);
    assertThat(read).containsExactly(new Row(id, "a", AT, List.of(member), List.of("x", "y"), ""));
  }

  @Test
  void nullColumnsReadAsNullOrEmpty() throws SQLException {
    UUID id = UUID.randomUUID();
    Sql.update(c, "insert into t (id) values (?)", id);

    Row row = Sql.one(c, Row::read, "select * from t where id = ?", id).orElseThrow();

    assertThat(row).isEqualTo(new Row(id, null, null, List.of(), List.of(), ""));
  }

  @Test
  void oneIsEmptyWhenNoRowMatches() throws SQLException {
    assertThat(Sql.one(c, Row::read, "select * from t where id = ?", UUID.randomUUID())).isEmpty();
  }

  @Test
  void settersBindNullableInstantsAndUuidStrings() throws SQLException {
    UUID id = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    try (PreparedStatement ps =
        c.prepareStatement("insert into t (id, at, other) values (?, ?, ?), (?, ?, ?)")) {
      ps.setObject(1, id);
      Sql.setInstant(ps, 2, AT);
      Sql.setUuid(ps, 3, other.toString());
      ps.setObject(4, UUID.randomUUID());
      Sql.setInstant(ps, 5, null);
      Sql.setUuid(ps, 6, "");
      ps.executeUpdate();
    }

    List<Row> rows = Sql.list(c, Row::read, "select * from t order by at nulls last");

    assertThat(rows).extracting(Row::at).containsExactly(AT, null);
    assertThat(rows).extracting(Row::other).containsExactly(other.toString(), "");
  }

  @Test
  void arrayParametersMatchTheirSqlTypes() throws SQLException {
    UUID id = UUID.randomUUID();
    Sql.update(c, "insert into t (id, name) values (?, ?)", id, "a");
    try (PreparedStatement ps =
        c.prepareStatement(
            "select count(*) from t where id = any(?) and name = any(?)"
                + " and 7 = any(?) and 3 = any(?) and ?::timestamptz = ?")) {
      ps.setArray(1, Sql.uuids(c, List.of(id)));
      ps.setArray(2, Sql.texts(c, List.of("a", "b")));
      ps.setArray(3, Sql.longs(c, List.of(7L)));
      ps.setArray(4, Sql.ints(c, List.of(3)));
      ps.setString(5, Sql.text(AT));
      ps.setTimestamp(6, Sql.timestamp(AT));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void duplicateKeysAreReportedAsUniqueViolations() throws SQLException {
    Sql.update(c, "insert into t (id, name) values (?, ?)", UUID.randomUUID(), "dup");

    SQLException e =
        catchThrowableOfType(
            SQLException.class,
            () ->
                Sql.update(c, "insert into t (id, name) values (?, ?)", UUID.randomUUID(), "dup"));

    assertThat(Sql.isUniqueViolation(e)).isTrue();
    assertThat(Sql.isUniqueViolation(new SQLException("other", "23503"))).isFalse();
  }

  @Test
  void nullValuesConvertToNull() {
    assertThat(Sql.timestamp(null)).isNull();
    assertThat(Sql.text((Instant) null)).isNull();
    assertThat(Sql.text((UUID) null)).isNull();
  }

  @Test
  void microsDropsWhatPostgresCannotStore() {
    assertThat(Sql.micros(Instant.parse("2026-03-01T10:15:30.123456789Z"))).isEqualTo(AT);
  }

  private record Row(
      UUID id, String name, Instant at, List<UUID> ids, List<String> tags, String other) {
    static Row read(ResultSet rs) throws SQLException {
      return new Row(
          Sql.uuid(rs, "id"),
          rs.getString("name"),
          Sql.instant(rs, "at"),
          Sql.uuids(rs, "ids"),
          Sql.strings(rs, "tags"),
          Sql.uuidString(rs, "other"));
    }
  }
}
