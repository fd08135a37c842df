package io.meshdesk.cli.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal rows for any table, built from the PostgreSQL catalog alone: the NOT NULL columns without
 * a default get a value of their type (the first literal of a CHECK on the column when there is
 * one), foreign keys point at a row seeded first in the referenced table, and {@code tenant_id} is
 * the requested tenant. A new table therefore needs no code here; when a row cannot be built the
 * caller learns which table and why.
 */
final class CatalogRows {

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
  private static final Pattern LOWER = Pattern.compile("(>=|>|=)\\s*\\(?(-?\\d+)");

  private final Connection owner;
  private final Map<String, Map<String, Object>> seeded = new HashMap<>();
  private int shift;

  /**
   * @param owner a connection of the schema owner, auto-commit, tenant set for the session
   */
  CatalogRows(Connection owner) {
    this.owner = owner;
  }

  /**
   * Every ordinary or partitioned table with a {@code tenant_id} column, outside the system
   * schemas.
   */
  static List<String> tenantTables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                """
        select format('%I.%I', n.nspname, r.relname)
        from pg_class r join pg_namespace n on n.oid = r.relnamespace
        join pg_attribute a on a.attrelid = r.oid and a.attname = 'tenant_id' and not a.attisdropped
        where r.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg\\_%'
        order by 1""");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** The row seeded in {@code table} (seeding it and what it references on first use). */
  Map<String, Object> seed(String table, UUID tenant) throws SQLException {
    Map<String, Object> row = seeded.get(table);
    if (row == null) {
      row = insert(table, values(table, tenant, new ArrayList<>()), true);
      seeded.put(table, row);
    }
    return row;
  }

  /** A fresh row of values for {@code table} (new keys, same foreign keys as the seeded rows). */
  Map<String, Object> values(String table, UUID tenant, List<String> path) throws SQLException {
    if (path.contains(table)) {
      throw new IllegalStateException(
          "cannot seed " + table + ": foreign keys form a cycle " + path);
    }
    path.add(table);
    Map<String, String> foreign = foreignKeys(table);
    Map<String, Object> values = new LinkedHashMap<>();
    try (PreparedStatement ps =
        owner.prepareStatement(
            """
        select a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef or a.attidentity <> ''
               or a.attgenerated <> '', t.typtype, t.oid
        from pg_attribute a join pg_type t on t.oid = a.atttypid
        where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum""")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String column = rs.getString(1);
          String type = rs.getString(2);
          boolean required = rs.getBoolean(3) && !rs.getBoolean(4);
          if (column.equals("tenant_id")) {
            if (foreign.containsKey(column)) {
              ensureTenant(
                  refTable(foreign.get(column)), refColumn(foreign.get(column)), tenant, path);
            }
            values.put(column, new Typed(tenant.toString(), type));
          } else if (foreign.containsKey(column)
              && (required || !table.equals(refTable(foreign.get(column))))) {
            String ref = foreign.get(column);
            if (table.equals(refTable(ref))) {
              throw new IllegalStateException(
                  "cannot seed " + table + ": required self reference " + column);
            }
            Object target = seedPath(refTable(ref), tenant, path).get(refColumn(ref));
            values.put(column, new Typed(String.valueOf(target), type));
          } else if (required) {
            values.put(
                column,
                new Typed(sample(table, column, type, rs.getString(5), rs.getLong(6)), type));
          }
        }
      }
    }
    path.remove(table);
    return values;
  }

  /**
   * Makes sure {@code table} (the tenants' own table) holds a row whose {@code column} is the
   * tenant.
   */
  private void ensureTenant(String table, String column, UUID tenant, List<String> path)
      throws SQLException {
    String key = table + "#" + tenant;
    if (!seeded.containsKey(key)) {
      Map<String, Object> values = values(table, tenant, path);
      values.put(column, new Typed(tenant.toString(), "uuid"));
      seeded.put(key, insert(table, values, true));
    }
  }

  /**
   * Whether {@code table} is a directory of tenants (its primary key is {@code tenant_id} alone)
   * kept without row-level security, as the schedulers list the tenants before entering one.
   */
  static boolean isTenantDirectory(Connection c, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        select not r.relrowsecurity and exists (
          select 1 from pg_constraint k join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
          where k.conrelid = r.oid and k.contype = 'p' and cardinality(k.conkey) = 1 and a.attname = 'tenant_id')
        from pg_class r where r.oid = ?::regclass""")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Whether row-level security is enabled and forced (binding the owner too) on {@code table}. */
  static boolean hasRowLevelSecurity(Connection c, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select relrowsecurity from pg_class where oid = ?::regclass")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private Map<String, Object> seedPath(String table, UUID tenant, List<String> path)
      throws SQLException {
    Map<String, Object> row = seeded.get(table);
    if (row == null) {
      row = insert(table, values(table, tenant, path), true);
      seeded.put(table, row);
    }
    return row;
  }

  /** Inserts {@code values} with the connection {@code c}; returns the stored row. */
  static Map<String, Object> insert(Connection c, String table, Map<String, Object> values)
      throws SQLException {
    List<String> columns = new ArrayList<>(values.keySet());
    StringBuilder sql = new StringBuilder("insert into ").append(table).append(" (");
    StringBuilder params = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      String sep = i == 0 ? "" : ", ";
      sql.append(sep).append('"').append(columns.get(i)).append('"');
      params.append(sep).append("?::").append(((Typed) values.get(columns.get(i))).type());
    }
    sql.append(columns.isEmpty() ? ") default values" : ") values (" + params + ")")
        .append(" returning *");
    String text =
        columns.isEmpty() ? sql.toString().replace(" () default", " default") : sql.toString();
    try (PreparedStatement ps = c.prepareStatement(text)) {
      for (int i = 0; i < columns.size(); i++) {
        ps.setString(i + 1, ((Typed) values.get(columns.get(i))).value());
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        }
        return row;
      }
    }
  }

  private Map<String, Object> insert(String table, Map<String, Object> values, boolean failNamed)
      throws SQLException {
    try {
      return insert(owner, table, values);
    } catch (SQLException e) {
      // A row made by a trigger of an earlier seed may hold the same key: shift numbers and dates.
      if ("23505".equals(e.getSQLState()) && shift < 5) {
        shift++;
        try {
          return insert(
              table,
              values(
                  table,
                  UUID.fromString(((Typed) values.get("tenant_id")).value()),
                  new ArrayList<>()),
              failNamed);
        } finally {
          shift = 0;
        }
      }
      throw new IllegalStateException(
          "cannot seed a row in " + table + " from the catalog: " + e.getMessage(), e);
    }
  }

  private String sample(String table, String column, String type, String typtype, long typeOid)
      throws SQLException {
    if ("e".equals(typtype)) {
      return single(
          "select enumlabel from pg_enum where enumtypid = (?)::oid order by enumsortorder limit 1",
          typeOid);
    }
    String checked = checkLiteral(table, column);
    if (type.endsWith("[]")) {
      return "{}";
    }
    if (type.equals("uuid")) {
      return UUID.randomUUID().toString();
    }
    if (type.startsWith("timestamp")) {
      return "2026-01-0" + (1 + shift) + "T00:00:00Z";
    }
    if (type.equals("date")) {
      return "2026-01-0" + (1 + shift);
    }
    if (type.equals("boolean")) {
      return "false";
    }
    if (type.equals("json") || type.equals("jsonb")) {
      return "{}";
    }
    if (type.equals("bytea")) {
      return "\\x00";
    }
    if (type.equals("interval")) {
      return "1 minute";
    }
    if (type.equals("inet")) {
      return "127.0.0.1";
    }
    if (type.matches("(smallint|integer|bigint|numeric|real|double precision).*")) {
      return lowestAllowed(table, column);
    }
    if (checked != null) {
      return checked;
    }
    // Three random capitals fit code-like text columns (currencies) and unique names alike.
    int length = type.startsWith("character(") ? Integer.parseInt(type.replaceAll("\\D", "")) : 3;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) ('A' + java.util.concurrent.ThreadLocalRandom.current().nextInt(26)));
    }
    return text.toString();
  }

  /**
   * The lower bound of a numeric CHECK on {@code column} ({@code >=}, {@code >}, {@code between}),
   * else 1.
   */
  private String lowestAllowed(String table, String column) throws SQLException {
    String def = checkDefinition(table, column);
    Matcher m = def == null ? null : LOWER.matcher(def);
    if (m == null || !m.find()) {
      return Long.toString(1 + shift);
    }
    long bound = Long.parseLong(m.group(2));
    return Long.toString((m.group(1).equals(">") ? bound + 1 : bound) + shift);
  }

  private String checkDefinition(String table, String column) throws SQLException {
    try (PreparedStatement ps =
        owner.prepareStatement(
            """
        select pg_get_constraintdef(c.oid) from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
        where c.contype = 'c' and c.conrelid = ?::regclass and a.attname = ? and cardinality(c.conkey) = 1""")) {
      ps.setString(1, table);
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The first quoted literal of a CHECK constraint on {@code column} alone, if any. */
  private String checkLiteral(String table, String column) throws SQLException {
    try (PreparedStatement ps =
        owner.prepareStatement(
            """
        select pg_get_constraintdef(c.oid) from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
        where c.contype = 'c' and c.conrelid = ?::regclass and a.attname = ? and cardinality(c.conkey) = 1""")) {
      ps.setString(1, table);
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Matcher m = QUOTED.matcher(rs.getString(1));
          if (m.find()) {
            return m.group(1);
          }
        }
      }
    }
    return null;
  }

  /** Column to {@code refTable.refColumn} for every single foreign key column of {@code table}. */
  private Map<String, String> foreignKeys(String table) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (PreparedStatement ps =
        owner.prepareStatement(
            """
        select a.attname, format('%I.%I', n.nspname, r.relname) || '|' || fa.attname
        from pg_constraint c cross join lateral unnest(c.conkey, c.confkey) as k(src, dst)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.src
        join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = k.dst
        join pg_class r on r.oid = c.confrelid join pg_namespace n on n.oid = r.relnamespace
        where c.contype = 'f' and c.conrelid = ?::regclass""")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  private static String refTable(String ref) {
    return ref.substring(0, ref.indexOf('|'));
  }

  private static String refColumn(String ref) {
    return ref.substring(ref.indexOf('|') + 1);
  }

  private String single(String sql, long arg) throws SQLException {
    try (PreparedStatement ps = owner.prepareStatement(sql)) {
      ps.setLong(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** A value as text with the SQL type it is cast to. */
  record Typed(String value, String type) {}
}
