package io.meshdesk.reminder;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.scheduler.TenantDirectory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every active tenant with its time zone, read from the {@code directory.tenant} view: the narrow
 * window ledger-server's role is granted on identity's tenants (id, status, time zone, nothing
 * else). The scheduler closes billing cycles and creates reminders for each of them, in its own
 * zone.
 */
public final class DirectoryTenants implements TenantDirectory {

  /** The view read; identity's changelog creates it ({@code meshctl migrate}). */
  public static final String VIEW = "directory.tenant";

  private final Transactions tx;

  public DirectoryTenants(Transactions tx) {
    this.tx = tx;
  }

  /**
   * Checks at start that the view exists and this role may read it.
   *
   * @throws ConfigException naming the view otherwise
   */
  public void verifyReadable() {
    String problem =
        tx.withoutTenant(
            c -> {
              try (PreparedStatement ps =
                      c.prepareStatement(
                          "select to_regclass(?) is null, "
                              + "to_regclass(?) is not null and has_table_privilege(?, 'select')");
                  ResultSet rs = setAll(ps).executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                  return "view " + VIEW + " is missing";
                }
                return rs.getBoolean(2) ? null : "this role may not read view " + VIEW;
              }
            });
    if (problem != null) {
      throw new ConfigException(
          "MESHDESK_DATABASE_URL",
          problem
              + "; run `meshctl migrate` (it creates the view and its grant to meshdesk_ledger)");
    }
  }

  @Override
  public List<TenantZone> tenants() {
    return tx.withoutTenant(
        c -> {
          List<TenantZone> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select id, time_zone from "
                          + VIEW
                          + " where status = 'active' order by id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new TenantZone(rs.getObject(1, UUID.class), zone(rs.getString(2))));
            }
          }
          return out;
        });
  }

  private static PreparedStatement setAll(PreparedStatement ps) throws java.sql.SQLException {
    ps.setString(1, VIEW);
    ps.setString(2, VIEW);
    ps.setString(3, VIEW);
    return ps;
  }

  private static ZoneId zone(String name) {
    try {
      return name == null || name.isBlank() ? ZoneId.of("UTC") : ZoneId.of(name);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
