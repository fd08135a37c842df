package io.meshdesk.cli.hostile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cheap fingerprint of everything the servers stored: per table of every application schema, its
 * row count and the newest row version (max xmin), read as the superuser so row-level security
 * hides nothing. Any insert, update or delete changes it.
 *
 * <p>Left out: the reminder scheduler's leadership lease, which its holder renews every few seconds
 * on its own clock whatever the requests do.
 */
final class DatabaseFingerprint implements AutoCloseable {

  private final Connection connection;
  private final String query;

  DatabaseFingerprint(String jdbcUrl, String user, String password) throws SQLException {
    this.connection = DriverManager.getConnection(jdbcUrl, user, password);
    List<String> parts = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet tables =
            s.executeQuery(
                "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables"
                    + " where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')"
                    + " and (table_schema, table_name) <> ('reminder', 'scheduler_lease')"
                    + " order by 1")) {
      while (tables.next()) {
        String t = tables.getString(1);
        parts.add("select '" + t + "', count(*), coalesce(max(xmin::text::bigint), 0) from " + t);
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalStateException("no application tables found");
    }
    this.query = String.join(" union all ", parts);
  }

  /** Table name to "rows/newest version". */
  Map<String, String> take() throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(query)) {
      while (r.next()) {
        out.put(r.getString(1), r.getLong(2) + " rows/xmin " + r.getLong(3));
      }
    }
    return out;
  }

  /** The tables whose fingerprint differs between two takes. */
  static List<String> changed(Map<String, String> before, Map<String, String> after) {
    List<String> out = new ArrayList<>();
    after.forEach(
        (table, now) -> {
          String then = before.get(table);
          if (!now.equals(then)) {
            out.add(table + ": " + then + " -> " + now);
          }
        });
    return out;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
