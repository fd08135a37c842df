package io.meshdesk.platform.db;

import io.meshdesk.platform.config.ConfigException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The start-up guard on a server's database login: it must not be a superuser, must not bypass
 * row-level security, and must own nothing (not the database, no schemas, tables, sequences, views
 * or functions, directly or through a role it belongs to). A server connected as the owner would be
 * able to change the schema and read every tenant's rows, so it refuses to start instead.
 */
public final class RoleCheck {

  private static final String QUERY =
      """
      select r.rolname, r.rolsuper, r.rolbypassrls,
        (select count(*) from pg_namespace n
          where pg_has_role(current_user, n.nspowner, 'MEMBER')
            and n.nspname not in ('pg_catalog', 'information_schema', 'public')
            and n.nspname not like 'pg\\_%') as schemas,
        (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where pg_has_role(current_user, c.relowner, 'MEMBER')
            and n.nspname not in ('pg_catalog', 'information_schema')
            and n.nspname not like 'pg\\_%') as relations,
        (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where pg_has_role(current_user, p.proowner, 'MEMBER')
            and n.nspname not in ('pg_catalog', 'information_schema')
            and n.nspname not like 'pg\\_%') as functions,
        (select count(*) from pg_database d
          where d.datname = current_database() and pg_has_role(current_user, d.datdba, 'MEMBER')) as databases
      from pg_roles r where r.rolname = current_user
      """;

  private RoleCheck() {}

  /**
   * Checks the role the pool logs in as.
   *
   * @throws ConfigException naming {@code MESHDESK_DATABASE_USER} and every problem found, or when
   *     the database cannot be reached to check
   */
  public static void verify(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      rs.next();
      String role = rs.getString(1);
      List<String> problems = new ArrayList<>();
      if (rs.getBoolean(2)) {
        problems.add("is a superuser");
      }
      if (rs.getBoolean(3)) {
        problems.add("has BYPASSRLS");
      }
      owns(problems, rs.getLong(4), "schemas");
      owns(problems, rs.getLong(5), "tables/sequences/views");
      owns(problems, rs.getLong(6), "functions");
      if (rs.getLong(7) > 0) {
        problems.add("owns the database");
      }
      c.rollback();
      if (!problems.isEmpty()) {
        throw new ConfigException(
            "MESHDESK_DATABASE_USER",
            "role "
                + role
                + " "
                + String.join(", ", problems)
                + "; servers must log in as a role that owns nothing (migrate with meshctl migrate as the owner)");
      }
    } catch (SQLException e) {
      throw new ConfigException(
          "MESHDESK_DATABASE_URL", "cannot check the database role: " + e.getMessage());
    }
  }

  private static void owns(List<String> problems, long count, String what) {
    if (count > 0) {
      problems.add("owns " + count + " " + what);
    }
  }
}
